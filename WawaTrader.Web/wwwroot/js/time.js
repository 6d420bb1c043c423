// The browser's time zone (IANA name, e.g. "Europe/Berlin"), asked once per circuit by the layout (ViewerClock); null if unknown.
window.wawaTime = {
    zone: () => {
        try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
    }
};
