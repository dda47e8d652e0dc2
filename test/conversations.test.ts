import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { play, readTranscript } from "./helpers/transcript.ts";

const dir = join(import.meta.dirname, "conversations");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

describe("conversation transcripts", () => {
  for (const file of files) {
    const transcript = readTranscript(join(dir, file));
    it(`${file}: ${transcript.name}`, async () => {
      await play(transcript);
    });
  }
});
