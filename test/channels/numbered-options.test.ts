import { describe, expect, it } from "vitest";
import {
  numberedLabel,
  optionLines,
  textWithOptions,
  unnumbered,
} from "../../src/channels/numbered-options.ts";

const options = [
  { id: "a", label: "Satu" },
  { id: "b", label: "Dua" },
];

describe("numbered options", () => {
  it("numbers from 1, as a typed answer counts them", () => {
    expect(numberedLabel("Satu", 0)).toBe("1. Satu");
    expect(optionLines(options, "  ")).toEqual(["  1. Satu", "  2. Dua"]);
  });

  it("puts the options under the text after a blank line, or alone without text", () => {
    expect(textWithOptions({ text: "Pilih:", options })).toBe("Pilih:\n\n1. Satu\n2. Dua");
    expect(textWithOptions({ text: "", options })).toBe("1. Satu\n2. Dua");
    expect(textWithOptions({ text: "Tanpa pilihan" })).toBe("Tanpa pilihan");
  });

  it("takes the number off a button's text again", () => {
    expect(unnumbered(numberedLabel("2. Dua kali", 11))).toBe("2. Dua kali");
    expect(unnumbered("Tanpa nomor")).toBe("Tanpa nomor");
  });
});
