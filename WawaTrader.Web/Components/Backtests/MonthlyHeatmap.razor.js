// Heatmap over ApexCharts (loaded globally by App.razor): rows × columns of values, green above zero and red below
// ('diverging'), or five bands from the worst to the best value of the map ('ranked').
const charts = new Map();
let nextId = 0;

export function create(element, config) {
    const id = 'wt-heatmap-' + (++nextId);
    const rows = config.rows || [], columns = config.columns || [], values = config.values || [];
    const present = values.flat().filter(v => v != null);
    const max = Math.max(1e-9, ...present.map(Math.abs));
    const decimals = config.decimals ?? 1;
    const series = rows.map((name, r) => ({
        name,
        data: columns.map((x, c) => ({ x, y: values[r] && values[r][c] != null ? Math.round(values[r][c] * 100) / 100 : null }))
    })).reverse();
    const chart = new ApexCharts(element, {
        chart: { type: 'heatmap', height: config.height || 260, animations: { enabled: false }, toolbar: { show: false }, background: 'transparent',
                 foreColor: config.dark ? '#c7c7cf' : '#424242', fontFamily: 'inherit' },
        theme: { mode: config.dark ? 'dark' : 'light' },
        series,
        dataLabels: { enabled: true, formatter: v => v == null ? '' : v.toFixed(decimals) + (config.suffix || ''), style: { fontSize: '11px' } },
        plotOptions: { heatmap: { enableShades: false, colorScale: { ranges: config.scale === 'ranked' ? ranked(present, config.lowerIsBetter) : [
            { from: -max, to: -1e-9, color: '#ef5350' }, { from: 0, to: 0, color: '#9e9e9e' }, { from: 1e-9, to: max, color: '#26a69a' }
        ] } } },
        xaxis: { title: { text: config.xTitle || undefined } },
        yaxis: { title: { text: config.yTitle || undefined } },
        legend: { show: false },
        tooltip: { y: { formatter: v => v == null ? '' : v.toFixed(2) + (config.suffix || '') } },
        noData: { text: 'No data' }
    });
    charts.set(id, chart);
    return chart.render().then(() => id);
}

// Five equal bands over [min, max] of the rounded values, red (worst) to green (best).
function ranked(present, lowerIsBetter) {
    const colors = ['#ef5350', '#ff8a65', '#ffd54f', '#9ccc65', '#26a69a'];
    if (lowerIsBetter) colors.reverse();
    const rounded = present.map(v => Math.round(v * 100) / 100);
    if (rounded.length === 0) return [];
    const min = Math.min(...rounded), max = Math.max(...rounded);
    if (max - min < 1e-12) return [{ from: min - 1, to: max + 1, color: colors[lowerIsBetter ? 0 : 4] }];
    const width = (max - min) / colors.length;
    return colors.map((color, i) => ({ from: min + i * width, to: i === colors.length - 1 ? max + 1e-9 : min + (i + 1) * width - 1e-12, color }));
}

export function destroy(id) {
    const chart = charts.get(id);
    if (!chart) return;
    charts.delete(id);
    chart.destroy();
}
