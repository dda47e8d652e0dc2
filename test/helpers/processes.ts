/**
 * Processes as the operating system sees them (Linux `/proc`): which ones of a process group
 * are still alive, to prove a stopped bot left nothing behind.
 */
import { readdirSync, readFileSync } from "node:fs";

/** A live process: its id, parent and command line. */
export interface LiveProcess {
  pid: number;
  ppid: number;
  command: string;
}

/** The processes of group `pgid` that still run (zombies, already finished, are left out). */
export function groupMembers(pgid: number): LiveProcess[] {
  const found: LiveProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    let command: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      command = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
    } catch {
      continue; // ended while we looked
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so split after it.
    const [state, ppid, group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(group) === pgid && state !== "Z")
      found.push({ pid: Number(entry), ppid: Number(ppid), command });
  }
  return found;
}

/** Waits until group `pgid` has no live process, up to `ms`; returns what is left. */
export async function groupGone(pgid: number, ms: number): Promise<LiveProcess[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = groupMembers(pgid);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
