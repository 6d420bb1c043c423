// Thin wrapper over ApexCharts (npm apexcharts 5.0.0, served from lib/apexcharts) for Components/Shared/LineChart.razor.
// Charts are kept by id; each keeps its own copy of its points so appending stays cheap and trimming is exact.
(() => {
    'use strict';
    const charts = new Map();
    let nextId = 0;

    const clone = series => series.map(s => ({ name: s.name, data: s.data.slice() }));

    function themeOptions(dark) {
        return {
            chart: { background: 'transparent', foreColor: dark ? '#c7c7cf' : '#424242' },
            theme: { mode: dark ? 'dark' : 'light' },
            grid: { borderColor: dark ? 'rgba(255,255,255,0.12)' : 'rgba(0,0,0,0.08)' }
        };
    }

    function toOptions(config, series) {
        const money = v => v == null ? '' : (v < 0 ? '-$' : '$') + Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        const theme = themeOptions(config.dark);
        return {
            chart: {
                type: config.type || 'area',
                height: config.height || 300,
                animations: { enabled: false },
                toolbar: { show: false },
                zoom: { enabled: false },
                fontFamily: 'inherit',
                ...theme.chart
            },
            theme: theme.theme,
            grid: theme.grid,
            series: clone(series),
            colors: config.color ? [config.color] : undefined,
            dataLabels: { enabled: false },
            stroke: { curve: 'straight', width: 2 },
            fill: config.type === 'line' ? { type: 'solid' } : { type: 'gradient', gradient: { opacityFrom: 0.35, opacityTo: 0.02 } },
            markers: { size: 0 },
            xaxis: { type: 'datetime', labels: { datetimeUTC: false } },
            yaxis: { labels: { formatter: money } },
            tooltip: { x: { format: 'yyyy-MM-dd HH:mm:ss' }, y: { formatter: money } },
            noData: { text: config.noDataText || 'No data yet' }
        };
    }

    function trim(entry) {
        let trimmed = false;
        for (const s of entry.series) {
            if (s.data.length > entry.maxPoints) {
                s.data.splice(0, s.data.length - entry.maxPoints);
                trimmed = true;
            }
        }
        return trimmed;
    }

    /** Creates a chart in element; config: { name, data: [[msUtc, y]], type, height, color, dark, maxPoints, noDataText }. Returns its id. */
    async function create(element, config) {
        const id = 'wt-chart-' + (++nextId);
        const entry = {
            chart: null,
            maxPoints: config.maxPoints || 2000,
            series: [{ name: config.name || 'Value', data: (config.data || []).slice() }]
        };
        trim(entry);
        entry.chart = new ApexCharts(element, toOptions(config, entry.series));
        charts.set(id, entry);
        await entry.chart.render();
        return id;
    }

    /** Appends one point (x in ms since the epoch, UTC) to one series; drops the oldest beyond maxPoints. */
    async function appendPoint(id, seriesIndex, x, y) {
        const entry = charts.get(id);
        if (!entry || !entry.series[seriesIndex]) return;
        entry.series[seriesIndex].data.push([x, y]);
        if (trim(entry)) {
            await entry.chart.updateSeries(clone(entry.series), false);
        } else {
            await entry.chart.appendData(entry.series.map((s, i) => ({ data: i === seriesIndex ? [[x, y]] : [] })));
        }
    }

    /** Replaces all series: [{ name, data: [[msUtc, y]] }]. */
    async function setSeries(id, series) {
        const entry = charts.get(id);
        if (!entry) return;
        entry.series = series.map(s => ({ name: s.name, data: (s.data || []).slice() }));
        trim(entry);
        await entry.chart.updateSeries(clone(entry.series), false);
    }

    /** Switches between the dark and the light palette. */
    async function setTheme(id, dark) {
        const entry = charts.get(id);
        if (!entry) return;
        await entry.chart.updateOptions(themeOptions(dark), false, false);
    }

    function destroy(id) {
        const entry = charts.get(id);
        if (!entry) return;
        charts.delete(id);
        entry.chart.destroy();
    }

    window.wawaCharts = { create, appendPoint, setSeries, setTheme, destroy };
})();
