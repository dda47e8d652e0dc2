import type { Config } from "../config.ts";

/** The channel name of operators who sign in to the console from the server's command line. */
export const LOCAL_OPERATORS = "local";

/** A chat where staff receive cases. */
export interface StaffChat {
  channel: string;
  address: string;
}

/**
 * Who the staff are and where they work: the staff chats that get case cards, and the people
 * allowed to act there. On the simulator every `staff:ID` is staff (README "Simulator protocol").
 */
export class StaffDirectory {
  constructor(
    readonly chats: readonly StaffChat[],
    private readonly members: ReadonlyMap<string, ReadonlySet<string>>,
    /** Channels where anyone in the staff chat is staff (the simulator). */
    private readonly openChannels: ReadonlySet<string> = new Set(),
  ) {}

  /** Builds the directory from the configuration; `simulator` adds the simulator's staff chat. */
  static fromConfig(config: Config, options: { simulator?: boolean } = {}): StaffDirectory {
    const chats: StaffChat[] = [];
    if (config.TELEGRAM_BOT_TOKEN && config.STAFF_TELEGRAM_CHAT_ID) {
      chats.push({ channel: "telegram", address: config.STAFF_TELEGRAM_CHAT_ID });
    }
    if (config.WHATSAPP_ENABLED && config.STAFF_WHATSAPP_GROUP) {
      chats.push({ channel: "whatsapp", address: config.STAFF_WHATSAPP_GROUP });
    }
    if (options.simulator) chats.push({ channel: "sim", address: "staff" });
    const members = new Map<string, Set<string>>([
      ["telegram", new Set(config.STAFF_TELEGRAM_IDS)],
      ["whatsapp", new Set(config.STAFF_WHATSAPP_NUMBERS)],
    ]);
    // `local:NAME` operators get their console link from `npm run console:link` on the server
    // itself; there is no staff chat on that channel, so nobody can write from it.
    const open = new Set([LOCAL_OPERATORS, ...(options.simulator ? ["sim"] : [])]);
    return new StaffDirectory(chats, members, open);
  }

  /** True when the address is a staff chat. */
  isStaffChat(channel: string, address: string): boolean {
    return this.chats.some((c) => c.channel === channel && c.address === address);
  }

  /** True when the sender may act as staff on that channel. */
  isStaff(channel: string, sender: string): boolean {
    if (this.openChannels.has(channel)) return true;
    return this.members.get(channel)?.has(sender) ?? false;
  }
}
