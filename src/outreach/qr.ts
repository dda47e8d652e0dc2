/**
 * QR codes as SVG, drawn from the module matrix of the `qrcode` package: vector, so they stay
 * sharp in print at any size, and inline, so a poster is one self-contained page.
 */
import QRCode from "qrcode";
import { type Html, html, raw } from "../http/html.ts";

/** Quiet zone around the code, in modules (the standard asks for 4). */
const MARGIN = 4;

/** The dark modules of a QR code for `text`, row by row (true = dark). */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const rows: boolean[][] = [];
  for (let y = 0; y < modules.size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < modules.size; x++) row.push(modules.data[y * modules.size + x] === 1);
    rows.push(row);
  }
  return rows;
}

/**
 * An SVG QR code for `text`, labelled for screen readers; `data-qr` carries the text, so a
 * test (or a person) can compare what the code says with what it should.
 */
export function qrSvg(text: string, label: string): Html {
  const matrix = qrMatrix(text);
  const size = matrix.length + 2 * MARGIN;
  let path = "";
  matrix.forEach((row, y) => {
    // One rectangle per run of dark modules: a short path, and no hairlines between modules.
    for (let x = 0; x < row.length; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      let end = x;
      while (row[end]) end++;
      path += `M${x + MARGIN} ${y + MARGIN}h${end - x}v1h${x - end}z`;
      x = end;
    }
  });
  return html`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="${label}" data-qr="${text}"><rect width="${size}" height="${size}" fill="#fff"/>${raw(`<path fill="#000" d="${path}"/>`)}</svg>`;
}
