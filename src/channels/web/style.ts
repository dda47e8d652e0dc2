/** The chat page's stylesheet: readable on a cheap phone, large tap targets, AA contrast. */
export const CHAT_CSS = `
*{box-sizing:border-box}
html{font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f3f5f8}
body{margin:0 auto;max-width:640px;min-height:100vh;background:#fff;display:flex;flex-direction:column}
header{background:#12355b;color:#fff;padding:8px 12px;display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
header h1{font-size:1.15rem;margin:0}
header a{color:#fff}
.lang{display:flex;gap:4px;margin:0}
.lang button{font:inherit;font-size:.9rem;background:transparent;color:#fff;border:1px solid #fff;border-radius:6px;padding:4px 8px;cursor:pointer}
.lang button[aria-pressed=true]{background:#fff;color:#12355b;font-weight:700}
main{padding:8px 12px;flex:1;display:flex;flex-direction:column}
.intro{margin:4px 0 8px;color:#3d3d3d;font-size:.95rem}
.note{margin:0 0 8px;color:#555;font-size:.85rem}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.log{list-style:none;margin:0;padding:0;flex:1}
.log li{margin:6px 0;padding:8px 10px;border-radius:10px;max-width:88%;white-space:pre-wrap;overflow-wrap:anywhere;scroll-margin-top:8px}
.log a[href^="tel:"]{font-weight:700;white-space:nowrap}
.ref{white-space:nowrap;font-weight:700}
.log li.out{background:#eef2f7;border:1px solid #c5d0de}
.log li.in{background:#12355b;color:#fff;margin-left:auto}
.log .who{display:block;font-size:.8rem;font-weight:700;opacity:.85}
.options{margin:8px 0;display:flex;flex-direction:column;gap:6px}
.options p{margin:0;font-size:.9rem;color:#3d3d3d}
.options button{text-align:left;background:#fff;color:#0b4f9c;border:2px solid #0b4f9c;border-radius:8px;padding:10px 12px;font:inherit;cursor:pointer}
.options button:hover{background:#eef2f7}
.status{min-height:1.2em;color:#8b0000;margin:4px 0}
#send{position:sticky;bottom:0;background:#fff;border-top:1px solid #c5d0de;padding:6px 0;margin:0}
#send .row{display:flex;gap:6px;align-items:flex-end}
#send textarea{flex:1;font:inherit;border:1px solid #555;border-radius:8px;padding:6px 8px;resize:none;min-height:2.4em;max-height:6.5em}
#send button{font:inherit;background:#12355b;color:#fff;border:0;border-radius:8px;padding:0 14px;min-height:2.4em;cursor:pointer}
#send .attach{font-size:1.3rem;line-height:1;padding:6px 4px;cursor:pointer;min-height:2.4em;display:flex;align-items:center}
.hidden,.hidden-file{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.hidden-file:focus-visible+.attach{outline:3px solid #b35c00}
.file-name{margin:2px 0 0;font-size:.85rem;color:#3d3d3d;min-height:0}
.file-name:empty{display:none}
.refresh{font-size:.9rem}
`;
