// Heatmap over ApexCharts (loaded globally by App.razor): rows × columns of values, green above zero, red below.
const charts = new Map();
let nextId = 0;

export function create(element, config) {
    const id = 'wt-heatmap-' + (++nextId);
    const rows = config.rows || [], columns = config.columns || [], values = config.values || [];
    const max = Math.max(1e-9, ...values.flat().filter(v => v != null).map(Math.abs));
    const series = rows.map((name, r) => ({
        name,
        data: columns.map((x, c) => ({ x, y: values[r] && values[r][c] != null ? Math.round(values[r][c] * 100) / 100 : null }))
    })).reverse();
    const chart = new ApexCharts(element, {
        chart: { type: 'heatmap', height: config.height || 260, animations: { enabled: false }, toolbar: { show: false }, background: 'transparent',
                 foreColor: config.dark ? '#c7c7cf' : '#424242', fontFamily: 'inherit' },
        theme: { mode: config.dark ? 'dark' : 'light' },
        series,
        dataLabels: { enabled: true, formatter: v => v == null ? '' : v.toFixed(1) + (config.suffix || ''), style: { fontSize: '11px' } },
        plotOptions: { heatmap: { enableShades: false, colorScale: { ranges: [
            { from: -max, to: -1e-9, color: '#ef5350' }, { from: 0, to: 0, color: '#9e9e9e' }, { from: 1e-9, to: max, color: '#26a69a' }
        ] } } },
        legend: { show: false },
        tooltip: { y: { formatter: v => v == null ? '' : v.toFixed(2) + (config.suffix || '') } },
        noData: { text: 'No data' }
    });
    charts.set(id, chart);
    return chart.render().then(() => id);
}

export function destroy(id) {
    const chart = charts.get(id);
    if (!chart) return;
    charts.delete(id);
    chart.destroy();
}
