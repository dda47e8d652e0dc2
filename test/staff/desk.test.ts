import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import type { StaffInbound } from "../../src/channels/channel.ts";
import { STAFF_COMMANDS } from "../../src/staff/commands/registry.ts";
import { StaffDirectory } from "../../src/staff/directory.ts";
import { casesCsv } from "../../src/staff/export.ts";
import { FakeClock, quietLog, seeded, testConfig } from "../helpers/app.ts";
import { RecorderChannel } from "../helpers/recorder.ts";

const TG_CHAT = "-1001";
const WA_GROUP = "120363@g.us";

function setup() {
  const clock = new FakeClock();
  const telegram = new RecorderChannel("telegram");
  const whatsapp = new RecorderChannel("whatsapp");
  const directory = new StaffDirectory(
    [
      { channel: "telegram", address: TG_CHAT },
      { channel: "whatsapp", address: WA_GROUP },
    ],
    new Map([
      ["telegram", new Set(["111"])],
      ["whatsapp", new Set(["6281200000001"])],
    ]),
  );
  const app = createApp({
    config: testConfig(),
    log: quietLog,
    channels: [telegram, whatsapp],
    clock: clock.now,
    random: seeded(7),
    databasePath: ":memory:",
    directory,
  });
  let n = 0;
  const user = async (channel: string, address: string, text: string) =>
    app.receive({ channel, address, messageId: `u${++n}`, input: { type: "text", text } });
  const staff = async (message: Omit<StaffInbound, "messageId">) =>
    app.receiveStaff({ messageId: `s${++n}`, ...message });
  return { app, clock, telegram, whatsapp, user, staff };
}

/** A WhatsApp user opens a question case; returns its reference. */
async function openCase(s: ReturnType<typeof setup>, address = "628555") {
  await s.user("whatsapp", address, "halo");
  await s.user("whatsapp", address, "petugas");
  await s.user("whatsapp", address, "Anak saya tidak bisa dihubungi di Malaysia");
  const ref = s.app.store.db
    .prepare("SELECT ref FROM cases ORDER BY id DESC")
    .pluck()
    .get() as string;
  return ref;
}

describe("staff desk", () => {
  it("relays across channels: a WhatsApp reporter and Telegram staff", async () => {
    const s = setup();
    const ref = await openCase(s);
    const card = s.telegram.to(TG_CHAT).at(-1);
    expect(card?.message.text).toContain(ref);
    expect(card?.message.text).not.toContain("628555");
    // The card carries its actions to every staff chat; Telegram shows them as buttons (see
    // cross-channel.test.ts), WhatsApp leaves them to the card's text, which names the commands.
    expect(card?.message.actions?.map((o) => o.id)).toEqual([`ambil ${ref}`, `tutup ${ref}`]);
    expect(s.whatsapp.to(WA_GROUP).at(-1)?.message.options).toBeUndefined();

    await s.staff({
      channel: "telegram",
      chat: TG_CHAT,
      sender: "111",
      senderName: "Bu Rina",
      text: "Kami cek ke KBRI.",
      replyTo: { channelMessageId: s.telegram.lastId(TG_CHAT) },
    });
    const toReporter = s.whatsapp.to("628555").at(-1);
    expect(toReporter?.message.text).toContain("Kami cek ke KBRI.");
    expect(toReporter?.message.text).toContain(ref);

    await s.user("whatsapp", "628555", "Terima kasih bu");
    expect(s.telegram.to(TG_CHAT).at(-1)?.message.text).toContain("Terima kasih bu");
    expect(s.whatsapp.to(WA_GROUP).at(-1)?.message.text).toContain("Terima kasih bu");

    // The reverse: a Telegram reporter answered from the WhatsApp staff group.
    await s.user("telegram", "777", "halo");
    await s.user("telegram", "777", "petugas");
    await s.user("telegram", "777", "Bagaimana cek PT resmi?");
    const ref2 = s.app.store.db
      .prepare("SELECT ref FROM cases ORDER BY id DESC")
      .pluck()
      .get() as string;
    await s.staff({
      channel: "whatsapp",
      chat: WA_GROUP,
      sender: "6281200000001",
      text: `/balas ${ref2} Cek di SISKOP2MI.`,
    });
    expect(s.telegram.to("777").at(-1)?.message.text).toContain("Cek di SISKOP2MI.");

    const record = s.app.store.cases.byRef(ref);
    expect(record?.status).toBe("claimed");
    expect(record?.firstResponseAt).not.toBeNull();
    expect(s.app.store.audit.latest().map((a) => a.action)).toContain("case.reply");
    await s.app.close();
  });

  it("refuses and audits every staff command, and replies to cards, from anyone not on the staff list", async () => {
    const s = setup();
    const ref = await openCase(s);
    for (const channel of ["telegram", "whatsapp"] as const) {
      const chat = channel === "telegram" ? TG_CHAT : WA_GROUP;
      const recorder = channel === "telegram" ? s.telegram : s.whatsapp;
      for (const command of STAFF_COMMANDS) {
        const before = recorder.to(chat).length;
        await s.staff({ channel, chat, sender: "999", text: `/${command} ${ref} teks` });
        expect(
          recorder
            .to(chat)
            .slice(before)
            .map((o) => o.message.text),
        ).toEqual([expect.stringContaining("tidak terdaftar sebagai petugas")]);
      }
      await s.staff({
        channel,
        chat,
        sender: "999",
        text: "saya balas",
        replyTo: { channelMessageId: recorder.lastId(chat) },
      });
      // Plain group talk from anyone is not answered.
      const before = recorder.to(chat).length;
      await s.staff({ channel, chat, sender: "999", text: "selamat pagi semua" });
      expect(recorder.to(chat).length).toBe(before);
    }
    const refused = s.app.store.audit.latest(200).filter((a) => a.action === "staff.refused");
    expect(refused).toHaveLength(2 * (STAFF_COMMANDS.length + 1));
    expect(new Set(refused.map((a) => a.actor))).toEqual(new Set(["telegram:999", "whatsapp:999"]));
    const record = s.app.store.cases.byRef(ref);
    expect(record).toMatchObject({ status: "new", assignee: null, firstResponseAt: null });
    expect(s.whatsapp.to("628555").some((o) => o.message.text.includes("saya balas"))).toBe(false);
    await s.app.close();
  });

  it("announces an unclaimed urgent case again, and sends one daily summary", async () => {
    const s = setup();
    const now = s.clock.now();
    const reporter = {
      userId: s.app.store.users.touch("whatsapp", "62811", now).id,
      channel: "whatsapp",
      address: "62811",
      lang: "id" as const,
    };
    const urgent = s.app.store.cases.open(
      {
        ref: "JR-URGN",
        kind: "emergency",
        category: "violence",
        priority: "urgent",
        answers: {},
        personal: [],
        flow: "emergency",
      },
      reporter,
      now,
    );
    s.app.store.cases.open(
      {
        ref: "JR-NORM",
        kind: "report",
        category: "unpaid",
        priority: "normal",
        answers: {},
        personal: [],
        flow: "report",
      },
      reporter,
      now,
    );
    const reminders = () =>
      s.telegram.to(TG_CHAT).filter((o) => o.message.text.includes("PENGINGAT"));
    s.clock.advance(14 * 60_000);
    await s.app.tick();
    expect(reminders()).toHaveLength(0);
    s.clock.advance(60_000);
    await s.app.tick();
    expect(reminders().map((o) => o.message.text.split("\n")[0])).toEqual([
      expect.stringContaining("JR-URGN"),
    ]);
    s.clock.advance(10 * 60_000);
    await s.app.tick();
    expect(reminders()).toHaveLength(1);
    s.clock.advance(5 * 60_000);
    await s.app.tick();
    expect(reminders()).toHaveLength(2);
    await s.staff({ channel: "telegram", chat: TG_CHAT, sender: "111", text: "/ambil JR-URGN" });
    s.clock.advance(30 * 60_000);
    await s.app.tick();
    expect(reminders()).toHaveLength(2);
    s.clock.advance(4 * 3_600_000);
    await s.app.tick();
    expect(reminders().at(-1)?.message.text).toContain("JR-NORM");
    expect(s.app.store.cases.get(urgent)?.reminders).toBe(2);
    // The clock starts at 16:00 WIB and ends at 21:00 WIB the same day: the summary went out on
    // the first tick (it was past 08:00) and only once.
    const summaries = s.telegram.to(TG_CHAT).filter((o) => o.message.text.startsWith("📋"));
    expect(summaries).toHaveLength(1);
    await s.app.close();
  });

  it("exports cases as CSV without contacts unless asked", async () => {
    const s = setup();
    const ref = await openCase(s);
    await s.staff({
      channel: "telegram",
      chat: TG_CHAT,
      sender: "111",
      text: `/status ${ref} dirujuk P4MI Pamekasan`,
    });
    const cases = s.app.store.cases.createdSince(0);
    const created = new Date(s.clock.now()).toISOString();
    expect(casesCsv(cases, false)).toBe(
      "ref,created_at,kind,category,priority,status,country,channel,language,first_response_at,resolved_at,assignee,office\r\n" +
        `${ref},${created},question,question,normal,referred,,whatsapp,id,,,,P4MI Pamekasan\r\n`,
    );
    expect(casesCsv(cases, true).split("\r\n")[1]).toBe(
      `${ref},${created},question,question,normal,referred,,whatsapp,id,,,,P4MI Pamekasan,628555,`,
    );
    expect(
      casesCsv([{ ...(cases[0] as (typeof cases)[number]), office: '=HYPERLINK("x")' }], false),
    ).toContain(`"'=HYPERLINK(""x"")"`);
    await s.app.close();
  });
});
