/**
 * The console's one stylesheet, served as a file (the pages allow no inline styles). Plain CSS
 * an old office browser renders fast; colours meet WCAG AA contrast on white.
 */
export const CONSOLE_CSS = `
*{box-sizing:border-box}
html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff}
body{margin:0}
a{color:#0b4f9c}
a:hover{color:#062f5e}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
header.top{background:#12355b;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}
header.top a{color:#fff}
header.top .name{font-weight:700;margin-right:auto}
header.top nav ul{list-style:none;margin:0;padding:0;display:flex;gap:16px}
header.top nav a[aria-current=page]{text-decoration-thickness:3px}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #fff}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7}
td.num,th.num{text-align:right}
form.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end;background:#f4f6f9;padding:12px;border:1px solid #ccd}
form.filters div{display:flex;flex-direction:column}
label{font-weight:600}
input,select,textarea,button{font:inherit}
input,select,textarea{border:1px solid #555;padding:4px 6px;background:#fff;color:#1a1a1a}
textarea{width:100%;min-height:5rem}
button{background:#12355b;color:#fff;border:0;padding:6px 14px;cursor:pointer;border-radius:3px}
button:hover{background:#0a2440}
.flash{background:#e8f4ea;border:1px solid #2e7d32;padding:8px 12px;margin:8px 0}
.error{background:#fdecea;border:1px solid #b3261e;padding:8px 12px;margin:8px 0}
.badge{display:inline-block;padding:0 6px;border-radius:3px;font-size:.9rem;border:1px solid #555}
.p-urgent{background:#8b0000;color:#fff;border-color:#8b0000}
.p-high{background:#fff3cd;color:#5c4400}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
ol.chat{list-style:none;padding:0}
ol.chat li{margin:6px 0;padding:6px 10px;border-radius:6px;max-width:80%;white-space:pre-wrap;overflow-wrap:anywhere}
ol.chat li.in{background:#eef2f7;border:1px solid #c5d0de}
ol.chat li.out{background:#fff;border:1px solid #ccc;margin-left:auto}
ol.chat li.staff{background:#e8f4ea;border:1px solid #9ccaa0;margin-left:auto}
ol.chat .meta{display:block;font-size:.85rem;color:#4a4a4a}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:0 24px}
.media{list-style:none;padding:0}
.media img,.media video{max-width:100%;max-height:360px;border:1px solid #ccc}
.media li{margin-bottom:12px}
figure{margin:0}
svg.chart{max-width:100%;height:auto;font-size:12px}
svg.chart text{fill:#1a1a1a}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;list-style:none;margin:4px 0}
.legend span{display:inline-block;width:12px;height:12px;margin-right:4px;border:1px solid #333;vertical-align:middle}
.big{font-size:1.2rem}
details{margin:.5rem 0}
.note{color:#4a4a4a}
.pager{display:flex;gap:16px;margin:8px 0}
.actions form{margin:0 0 16px}
.live{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
.live button{background:#fff;color:#12355b;border:1px solid #12355b}
.live button[aria-pressed=true]{background:#12355b;color:#fff}
table.stack td:first-child{white-space:nowrap}
@media (max-width:700px){
main{padding:8px}
table{display:block;overflow-x:auto;max-width:100%}
th,td{white-space:nowrap}
dl.facts{grid-template-columns:1fr;gap:0}
dl.facts dd{margin:0 0 6px}
ol.chat li{max-width:95%}
form.filters{padding:8px}
}
`;
