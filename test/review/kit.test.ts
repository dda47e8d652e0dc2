/**
 * The native speaker's review kit, end to end on a copy of the project: export the sheet, have
 * a "spreadsheet program" save it back with two cells edited, import it, apply it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contentDirs, loadContent } from "../../src/content.ts";
import { flatten } from "../../src/i18n/locales.ts";
import { correctionProblems } from "../../src/review/checks.ts";
import { parseCsv } from "../../src/review/csv.ts";
import { applyImport, planImport } from "../../src/review/import.ts";
import { loadSheetRows, sheetCsv } from "../../src/review/sheet.ts";
import { sheetHtml } from "../../src/review/sheet-html.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURE = join(ROOT, "test", "fixtures", "review", "broken-placeholder.csv");
let root = "";

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "jr-review-"));
  for (const dir of ["flows", "locales", "data"])
    cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file under locales/, as text. */
function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  for (const lang of ["id", "mad"])
    for (const f of ["report", "system", "webchat", "thanks", "REVIEW"]) {
      const name = `${lang}/${f}.${f === "REVIEW" ? "md" : "json"}`;
      try {
        files.set(name, readFileSync(join(root, "locales", name), "utf8"));
      } catch {
        // id has no REVIEW.md
      }
    }
  return files;
}
const madTexts = () => flatten(loadContent(contentDirs(root)).locales.resources.mad);

/** How LibreOffice or Excel (Indonesian settings) save a sheet: `;`, quotes only where needed, CRLF, no BOM. */
function asSpreadsheetSaves(rows: string[][]): string {
  const cell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${rows.map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}

describe("review:export", { timeout: 60_000 }, () => {
  it("lists every user-facing Madurese text once, safety texts first, with where it is shown", () => {
    const rows = loadSheetRows(root, "mad");
    const mad = madTexts();
    expect(rows.map((r) => r.key).sort()).toEqual([...mad.keys()].sort());
    const firstOther = rows.findIndex((r) => !r.safety);
    expect(rows.slice(firstOther).some((r) => r.safety)).toBe(false);
    expect(rows[0]?.key.startsWith("emergency.")).toBe(true);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get("report.ask_danger")?.where).toContain("report.danger");
    expect(byKey.get("webchat.intro")?.where).toContain("web chat");
    expect(byKey.get("countries.malaysia")?.where).toContain("daftar pilihan");
    expect(byKey.get("system.case_status_new")?.where).toContain("status laporan");
    expect(byKey.get("report.ask_danger")?.note).toContain("èkonci'");
    expect(rows.every((r) => r.where !== "tidak dipakai alur mana pun")).toBe(true);

    const csv = sheetCsv(rows);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toContain("koreksi");
    expect(parsed).toHaveLength(rows.length + 1);
    // A text that starts like a formula is kept as text.
    expect(csv).toContain(`"'- {{ref}} ({{date}}): {{status}} {{office}}"`);
    const page = sheetHtml(rows, "mad", "2026-12-04");
    expect(page).toContain("Teks keselamatan");
    expect(page.indexOf("report.ask_danger")).toBeLessThan(page.indexOf("menu.welcome"));
    expect(page).not.toContain("<script");
  });
});

describe("review:import", { timeout: 90_000 }, () => {
  it("a round trip with no edits changes nothing", () => {
    const before = snapshot();
    const plan = planImport(root, "mad", sheetCsv(loadSheetRows(root, "mad")));
    expect(plan).toMatchObject({ changes: [], comments: [], refused: [] });
    expect(
      applyImport(root, plan, { reviewer: "Bu Siti", date: "2026-12-04", file: "x.csv" }),
    ).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it("two cells edited in a spreadsheet change exactly those two strings, and REVIEW.md records the reviewer", () => {
    const rows = parseCsv(sheetCsv(loadSheetRows(root, "mad")));
    const [header = []] = rows;
    const at = (name: string) => header.indexOf(name);
    const row = (key: string) => rows.find((r) => r[at("kunci")] === key) as string[];
    row("webchat.refresh")[at("koreksi")] = "Tèngghu pessen sè anyar";
    row("report.ask_danger")[at("koreksi")] =
      "Ponapa samangkèn bâdâ sè è dhâlem bhâbhâjâ?\r\nContona èkonci', èancam, otabâ sakè' parah.";
    row("report.ask_danger")[at("komentar")] = "Lebbi jelas mon duwâ' baris";
    row("thanks.reply")[at("komentar")] = "Sami-sami cocok";
    const before = madTexts();
    const files = snapshot();

    const plan = planImport(root, "mad", asSpreadsheetSaves(rows));
    expect(plan.refused).toEqual([]);
    expect(plan.changes.map((c) => c.key).sort()).toEqual(["report.ask_danger", "webchat.refresh"]);
    expect(plan.comments).toEqual([{ key: "thanks.reply", comment: "Sami-sami cocok" }]);
    const written = applyImport(root, plan, {
      reviewer: "Bu Siti | guru",
      date: "2026-12-04",
      file: "review-mad.csv",
    });
    expect(written.sort()).toEqual([
      "locales/mad/REVIEW.md",
      "locales/mad/report.json",
      "locales/mad/webchat.json",
    ]);

    const after = madTexts();
    const changed = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    expect(changed.sort()).toEqual(["report.ask_danger", "webchat.refresh"]);
    expect(after.get("report.ask_danger")).toBe(
      "Ponapa samangkèn bâdâ sè è dhâlem bhâbhâjâ?\nContona èkonci', èancam, otabâ sakè' parah.",
    );
    // Only the two lines changed; key order and formatting stay.
    const now = snapshot();
    for (const name of ["mad/report.json", "mad/webchat.json"]) {
      const a = (files.get(name) ?? "").split("\n");
      const b = (now.get(name) ?? "").split("\n");
      expect(b).toHaveLength(a.length);
      expect(a.filter((line, i) => line !== b[i])).toHaveLength(1);
    }
    expect(now.get("mad/system.json")).toBe(files.get("mad/system.json"));
    const review = now.get("mad/REVIEW.md") ?? "";
    // The log grows; nothing already in REVIEW.md is changed or moved.
    const old = (files.get("mad/REVIEW.md") ?? "").split("\n");
    let i = 0;
    for (const line of review.split("\n")) if (line === old[i]) i++;
    expect(i).toBe(old.length);
    expect(review.length).toBeGreaterThan(old.join("\n").length);
    expect(review).toContain("### 2026-12-04 — Bu Siti guru");
    expect(review).toContain("| report.ask_danger |");
    expect(review).toContain("Lebbi jelas mon duwâ' baris");
    expect(review).toContain("| thanks.reply | Sami-sami cocok |");

    // Importing the same sheet again changes nothing more.
    const again = planImport(root, "mad", sheetCsv(loadSheetRows(root, "mad")));
    expect(again.changes).toEqual([]);
  });

  it("refuses a broken placeholder in a spreadsheet-saved fixture, and writes nothing", () => {
    const files = snapshot();
    const plan = planImport(root, "mad", readFileSync(FIXTURE, "utf8"));
    expect(plan.changes.map((c) => c.key)).toEqual(["webchat.refresh"]);
    expect(plan.refused).toHaveLength(1);
    expect(plan.refused[0]?.key).toBe("system.staff_reply");
    expect(plan.refused[0]?.problems.join("\n")).toContain("loses {{case_ref}}");
    expect(() =>
      applyImport(root, plan, { reviewer: "Bu Siti", date: "2026-12-04", file: "f.csv" }),
    ).toThrow(/refused/);
    expect(snapshot()).toEqual(files);
  });

  it("refuses corrections that break a number, grow too long, or copy the Indonesian", () => {
    const params = loadContent(contentDirs(root)).reference.params;
    const check = (id: string, current: string, correction: string) =>
      correctionProblems({ id, current, correction, params }).join("\n");
    expect(check("Umur 18 tahun", "Omor 18 taon", "Omor 17 taon")).toMatch(/"18"/);
    expect(check("Telepon 110", "Tèlpon 110", "Tèlpon 1l0")).toMatch(/"110"/);
    expect(check("Rp15 miliar", "Rp15 miliar", "Rp15 miliar, Rp20 juta")).toMatch(/"20"/);
    expect(check("a", "b", "è".repeat(601))).toMatch(/too long/);
    expect(check("Apa lagi?", "Ponapa polè?", "Apa lagi?")).toMatch(/Indonesian/);
    expect(check("Kirim", "Kèrèm", "{{x}} Kèrèm")).toMatch(/adds \{\{x\}\}/);
    expect(check("Malaysia", "Malaysia", "Malaysia")).toBe("");
    expect(check("Kirim", "Kèrèm", "Kèrèmaghi")).toBe("");
  });

  it("the command line shows the refusal and exits 1; --apply needs the reviewer's name", () => {
    const run = (...args: string[]) =>
      spawnSync("npx", ["tsx", "src/cli/review-import.ts", ...args, "--root", root], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
      });
    const files = snapshot();
    const refused = run(FIXTURE, "--apply", "--reviewer", "Bu Siti");
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain("REFUSED");
    expect(refused.stdout).toContain("{+sè+}");
    expect(run(FIXTURE, "--apply").status).toBe(2);
    expect(snapshot()).toEqual(files);
  });
});
