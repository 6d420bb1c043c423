// Thin wrapper over ApexCharts (npm apexcharts 5.0.0, served from lib/apexcharts) for the chart components in
// Components/Shared: LineChart (create/appendPoint/setSeries), CandleChart (createCandles/setCandles) and PaneChart
// (createPane/setPane). Charts are kept by id; each keeps its own copy of its points so appending stays cheap and trimming
// is exact. A line chart draws every point it is given (the server downsamples long series and says so); only points appended
// one by one are trimmed, as a live window. A point with a null y ends the line there (a gap with no bars). Charts given the same group share the crosshair and tooltip (ApexCharts' synchronised charts).
(() => {
    'use strict';
    const charts = new Map();
    let nextId = 0;
    const up = '#26a69a', down = '#ef5350', yLabelWidth = 64;

    const clone = series => series.map(s => ({ name: s.name, type: s.type, data: s.data.slice() }));
    const money = v => v == null ? '' : (v < 0 ? '-$' : '$') + Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    // Values that round to zero print as 0, never -0.00.
    const number = decimals => v => v == null ? '' : (Math.abs(v) < 0.5 * Math.pow(10, -decimals) ? 0 : v).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    // Values already in percent (a drawdown): -2.00%.
    const percent = v => v == null ? '' : number(2)(v) + '%';
    const valueFormatter = name => name === 'percent' ? percent : money;

    /** The x axis and tooltip of a line chart: 'viewer' (wall times in the browser's zone, to the second), 'market' (times as
     *  stored, to the minute) or 'dates' (daily bars: dates only, never a time of day). */
    function timeOptions(name) {
        if (name === 'dates') return {
            xaxis: { type: 'datetime', labels: { datetimeUTC: true, datetimeFormatter: { year: 'yyyy', month: "MMM 'yy", day: 'dd MMM', hour: 'dd MMM' } } },
            tooltip: 'yyyy-MM-dd'
        };
        if (name === 'market') return { xaxis: { type: 'datetime', labels: { datetimeUTC: true } }, tooltip: 'yyyy-MM-dd HH:mm' };
        return { xaxis: { type: 'datetime', labels: { datetimeUTC: false } }, tooltip: 'yyyy-MM-dd HH:mm:ss' };
    }

    function themeOptions(dark) {
        return {
            chart: { background: 'transparent', foreColor: dark ? '#c7c7cf' : '#424242' },
            theme: { mode: dark ? 'dark' : 'light' },
            grid: { borderColor: dark ? 'rgba(255,255,255,0.12)' : 'rgba(0,0,0,0.08)' }
        };
    }

    // Bar times in the viewer's zone with the market's New York time beside: "2024-03-01 15:30 · 09:30 New York".
    const zoneParts = zone => {
        const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        return ms => Object.fromEntries(format.formatToParts(new Date(ms)).map(p => [p.type, p.value]));
    };
    const localParts = zoneParts(undefined), newYorkParts = zoneParts('America/New_York');
    const barTime = ms => {
        if (ms == null) return '';
        const l = localParts(ms), n = newYorkParts(ms);
        const nyDate = n.year + '-' + n.month + '-' + n.day, date = l.year + '-' + l.month + '-' + l.day;
        return date + ' ' + l.hour + ':' + l.minute + ' · ' + (nyDate === date ? '' : nyDate + ' ') + n.hour + ':' + n.minute + ' New York';
    };

    /** A datetime x axis; its labels hidden when showX is false (a pane above another that shows them). */
    const timeAxis = config => ({ type: 'datetime', labels: { datetimeUTC: false, show: config.showX !== false }, axisTicks: { show: config.showX !== false } });

    function baseChart(id, config, type) {
        const theme = themeOptions(config.dark);
        return {
            id, type, group: config.group || undefined,
            // A chart that fills its card takes its parent's height (and redraws when the parent resizes).
            height: config.fill ? '100%' : (config.height || 300),
            redrawOnParentResize: true,
            animations: { enabled: false },
            toolbar: { show: false },
            zoom: { enabled: false },
            fontFamily: 'inherit',
            ...theme.chart
        };
    }

    function register(id, element, options, entry) {
        entry.chart = new ApexCharts(element, options);
        charts.set(id, entry);
        return entry.chart.render().then(() => id);
    }

    // ---- LineChart: one series, optionally a dashed overlay (e.g. buy-and-hold under the equity curve) ----

    function toOptions(id, config, series) {
        const theme = themeOptions(config.dark);
        const overlay = series.length > 1;
        const values = valueFormatter(config.valueFormat), time = timeOptions(config.timeFormat);
        return {
            chart: baseChart(id, config, config.type || 'area'),
            theme: theme.theme,
            grid: theme.grid,
            series: clone(series),
            colors: overlay ? [config.color || '#1e88e5', config.overlayColor || '#ff9800'] : (config.color ? [config.color] : undefined),
            dataLabels: { enabled: false },
            stroke: { curve: 'straight', width: 2, dashArray: overlay ? [0, 6] : 0 },
            fill: overlay
                ? { type: ['gradient', 'solid'], opacity: [0.35, 1], gradient: { opacityFrom: 0.35, opacityTo: 0.02 } }
                : config.type === 'line' ? { type: 'solid' } : { type: 'gradient', gradient: { opacityFrom: 0.35, opacityTo: 0.02 } },
            markers: { size: 0 },
            legend: { show: overlay, position: 'top', horizontalAlign: 'right' },
            xaxis: time.xaxis,
            yaxis: { labels: { formatter: values } },
            tooltip: { shared: true, x: { format: time.tooltip }, y: { formatter: values } },
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

    /** Creates a line/area chart in element; config: { name, data: [[msUtc, y]], overlay?: { name, data }, type, height, color,
     *  dark, maxPoints (of a live window: points appended beyond it drop the oldest), noDataText, group, valueFormat ('money' |
     *  'percent'), timeFormat ('viewer' | 'market' | 'dates') }. Returns its id. */
    function create(element, config) {
        const id = 'wt-chart-' + (++nextId);
        const type = config.type || 'area';
        const series = [{ name: config.name || 'Value', type, data: (config.data || []).slice() }];
        if (config.overlay) series.push({ name: config.overlay.name, type: 'line', data: (config.overlay.data || []).slice() });
        const windowPoints = config.maxPoints || 2000;
        const entry = { chart: null, windowPoints, maxPoints: Math.max(windowPoints, ...series.map(s => s.data.length)), series };
        return register(id, element, toOptions(id, config, entry.series), entry);
    }

    /** Appends one point (x in ms since the epoch, UTC) to one series; drops the oldest beyond maxPoints. */
    async function appendPoint(id, seriesIndex, x, y) {
        const entry = charts.get(id);
        if (!entry || !entry.series || !entry.series[seriesIndex]) return;
        entry.series[seriesIndex].data.push([x, y]);
        if (trim(entry)) {
            await entry.chart.updateSeries(clone(entry.series), false);
        } else {
            await entry.chart.appendData(entry.series.map((s, i) => ({ data: i === seriesIndex ? [[x, y]] : [] })));
        }
    }

    /** Replaces all series: [{ name, data: [[msUtc, y|null]] }] (a series keeps its type by position), every point drawn. */
    async function setSeries(id, series) {
        const entry = charts.get(id);
        if (!entry) return;
        const types = entry.series.map(s => s.type);
        entry.series = series.map((s, i) => ({ name: s.name, type: types[i] || (i === 0 ? 'area' : 'line'), data: (s.data || []).slice() }));
        entry.maxPoints = Math.max(entry.windowPoints, ...entry.series.map(s => s.data.length));
        await entry.chart.updateSeries(clone(entry.series), false);
    }

    // ---- CandleChart: OHLC candles, indicator overlays as lines, trade markers as point annotations ----

    function candleSeries(data) {
        const candles = { name: data.name || 'Price', type: 'candlestick', data: (data.candles || []).map(c => ({ x: c[0], y: [c[1], c[2], c[3], c[4]] })) };
        // A mixed chart reads every series in the first one's format: the overlays become { x, y } as well.
        return [candles, ...(data.overlays || []).map(o => ({ name: o.name, type: 'line', data: o.data.map(p => ({ x: p[0], y: p[1] })) }))];
    }

    function markerAnnotations(markers) {
        return {
            points: (markers || []).map(m => {
                const buy = m.side === 'buy';
                return {
                    x: m.x, y: m.y,
                    marker: { size: 4, fillColor: buy ? up : down, strokeColor: '#fff', strokeWidth: 1 },
                    label: {
                        text: buy ? '▲ ' + m.label : '▼ ' + m.label, borderWidth: 0, offsetY: buy ? 34 : -4,
                        style: { background: buy ? up : down, color: '#fff', fontSize: '11px', padding: { left: 4, right: 4, top: 1, bottom: 1 } }
                    }
                };
            })
        };
    }

    /** Creates a candlestick chart; config: { height, dark, group, data: { name, candles: [[msUtc, o, h, l, c]], overlays:
     *  [{ name, data: [[msUtc, y|null]] }], markers: [{ x, y, side: 'buy'|'sell', label }] }, colors }. Returns its id. */
    function createCandles(element, config) {
        const id = 'wt-chart-' + (++nextId);
        const theme = themeOptions(config.dark);
        const series = candleSeries(config.data || {});
        const options = {
            chart: baseChart(id, config, 'line'),
            theme: theme.theme,
            grid: theme.grid,
            series,
            colors: ['#78909c', ...(config.colors || [])],
            stroke: { width: series.map((s, i) => i === 0 ? 1 : 1.5), dashArray: series.map(s => /band/i.test(s.name) ? 4 : 0), curve: 'straight' },
            plotOptions: { candlestick: { colors: { upward: up, downward: down }, wick: { useFillColor: true } } },
            dataLabels: { enabled: false },
            markers: { size: 0 },
            legend: { show: true, position: 'top', horizontalAlign: 'right' },
            xaxis: timeAxis(config),
            yaxis: { tooltip: { enabled: false }, labels: { formatter: money, minWidth: yLabelWidth, maxWidth: yLabelWidth } },
            tooltip: { shared: true, x: { formatter: barTime } },
            annotations: markerAnnotations(config.data && config.data.markers),
            noData: { text: config.noDataText || 'No bars yet' }
        };
        return register(id, element, options, { chart: null });
    }

    /** Replaces the candles, overlays and markers of a candlestick chart (same shape as createCandles' data). */
    async function setCandles(id, data) {
        const entry = charts.get(id);
        if (!entry) return;
        await entry.chart.updateOptions({ series: candleSeries(data), annotations: markerAnnotations(data.markers) }, false, false);
    }

    // ---- PaneChart: a small indicator pane (RSI, MACD) under the candles, same x axis ----

    /** Creates an indicator pane; config: { height, dark, group, series: [{ name, type: 'line'|'column', data: [[msUtc, y|null]] }],
     *  colors, decimals, yMin, yMax, yLines: [{ y, label }] }. Returns its id. */
    function createPane(element, config) {
        const id = 'wt-chart-' + (++nextId);
        const theme = themeOptions(config.dark);
        const format = number(config.decimals ?? 2);
        const options = {
            chart: baseChart(id, config, 'line'),
            theme: theme.theme,
            grid: theme.grid,
            series: config.series || [],
            colors: config.colors || undefined,
            stroke: { width: (config.series || []).map(s => s.type === 'column' ? 0 : 1.5), curve: 'straight' },
            dataLabels: { enabled: false },
            markers: { size: 0 },
            legend: { show: true, position: 'top', horizontalAlign: 'right', fontSize: '11px' },
            plotOptions: { bar: { columnWidth: '70%', colors: { ranges: [{ from: -1e12, to: 0, color: down }, { from: 0, to: 1e12, color: up }] } } },
            xaxis: timeAxis(config),
            yaxis: { min: config.yMin ?? undefined, max: config.yMax ?? undefined, tickAmount: 4, labels: { formatter: format, minWidth: yLabelWidth, maxWidth: yLabelWidth } },
            tooltip: { shared: true, x: { formatter: barTime }, y: { formatter: format } },
            annotations: { yaxis: (config.yLines || []).map(l => ({ y: l.y, borderColor: '#9e9e9e', strokeDashArray: 4, label: { text: l.label, borderWidth: 0, style: { background: 'transparent', color: '#9e9e9e' } } })) },
            noData: { text: config.noDataText || '' }
        };
        return register(id, element, options, { chart: null });
    }

    /** Replaces the series of an indicator pane (same shape as createPane's series). */
    async function setPane(id, series) {
        const entry = charts.get(id);
        if (!entry) return;
        await entry.chart.updateSeries(series, false);
    }

    // ---- every chart ----

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

    window.wawaCharts = { create, appendPoint, setSeries, createCandles, setCandles, createPane, setPane, setTheme, destroy };
})();
