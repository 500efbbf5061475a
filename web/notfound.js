// The 404 page has nothing to load; this file exists because every page gets
// /static/<page>.js (web/layout.html).
