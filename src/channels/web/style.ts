/** The chat page's stylesheet: readable on a cheap phone, large tap targets, AA contrast. */
export const CHAT_CSS = `
*{box-sizing:border-box}
html{font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f3f5f8}
body{margin:0 auto;max-width:640px;min-height:100vh;background:#fff;display:flex;flex-direction:column}
header{background:#12355b;color:#fff;padding:8px 12px;display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
header h1{font-size:1.15rem;margin:0}
header a{color:#fff}
header a[aria-current]{font-weight:700}
main{padding:8px 12px;flex:1;display:flex;flex-direction:column}
.intro{margin:4px 0 8px;color:#3d3d3d;font-size:.95rem}
.note{margin:0 0 8px;color:#555;font-size:.85rem}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.log{list-style:none;margin:0;padding:0;flex:1}
.log li{margin:6px 0;padding:8px 10px;border-radius:10px;max-width:88%;white-space:pre-wrap;overflow-wrap:anywhere}
.log li.out{background:#eef2f7;border:1px solid #c5d0de}
.log li.in{background:#12355b;color:#fff;margin-left:auto}
.log .who{display:block;font-size:.8rem;font-weight:700;opacity:.85}
.options{margin:8px 0;display:flex;flex-direction:column;gap:6px}
.options p{margin:0;font-size:.9rem;color:#3d3d3d}
.options button{text-align:left;background:#fff;color:#0b4f9c;border:2px solid #0b4f9c;border-radius:8px;padding:10px 12px;font:inherit;cursor:pointer}
.options button:hover{background:#eef2f7}
.status{min-height:1.2em;color:#8b0000;margin:4px 0}
#send label{font-weight:600;display:block}
#send .row{display:flex;gap:8px}
#send textarea{flex:1;font:inherit;border:1px solid #555;border-radius:8px;padding:8px;resize:vertical}
#send button{font:inherit;background:#12355b;color:#fff;border:0;border-radius:8px;padding:0 18px;cursor:pointer}
#send label.file{font-weight:400;font-size:.9rem;margin-top:6px}
#send input[type=file]{font:inherit;font-size:.9rem;max-width:100%}
.refresh{font-size:.9rem}
`;
