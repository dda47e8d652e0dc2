/**
 * Where a message is shown (in Indonesian, for the office's reviewer), worked out from the flows (which node of which flow renders which
 * key) and from the modules that send their own texts, so a reviewer reading a text out of
 * context knows the moment a user sees it.
 */
import type { Content } from "../content.ts";
import { kindOf } from "../engine/nodes/index.ts";

/** Texts sent by code, not by a flow node: where each family of keys appears. */
const CODE_PLACES: readonly [prefix: string, place: string][] = [
  ["system.flow_", 'nama topik saat bot bertanya "maksud Anda" (semua chat)'],
  ["system.case_status_", "status laporan, dikirim saat petugas mengubahnya (semua chat)"],
  ["system.hint_", "petunjuk setelah jawaban yang tidak bisa dipakai (semua chat)"],
  ["system.unsupported_", "jawaban untuk stiker, lokasi, kontak, atau polling (semua chat)"],
  ["system.", "pesan sistem (semua chat)"],
  [
    "places.",
    "daftar nomor bantuan untuk negara tempat orang itu berada (darurat, krisis; semua chat)",
  ],
  ["webchat.", "halaman web chat (/chat)"],
  ["telegram.", "menu perintah Telegram"],
  ["outreach.wa_", "pesan pertama WhatsApp dari tautan poster (sudah terisi)"],
  ["outreach.share_", "pesan untuk diteruskan dari alur share (semua chat)"],
  ["outreach.card_", "kartu A6 sosialisasi (dicetak)"],
  ["outreach.", "poster A4 sosialisasi (dicetak)"],
];

/**
 * For every key used by a flow: `flow.node` places, in flow order. Keys of a choice list
 * (`countries`) are placed at the `ask` nodes that offer that list.
 */
export function flowPlaces(content: Content): Map<string, string[]> {
  const places = new Map<string, string[]>();
  const add = (key: string, place: string) => {
    const list = places.get(key) ?? [];
    if (!list.includes(place)) list.push(place);
    places.set(key, list);
  };
  for (const flow of content.flows.flows.values()) {
    for (const [id, node] of Object.entries(flow.nodes)) {
      const kind = kindOf(node.type);
      for (const key of kind?.outline(node as never).keys ?? []) add(key, `${flow.id}.${id}`);
      if (node.type === "ask" && node.source)
        for (const item of content.reference.sources[node.source] ?? [])
          add(item.label, `${flow.id}.${id} (daftar pilihan)`);
    }
  }
  return places;
}

/** Where `key` is shown, in words: flow nodes (all chats), or the code that sends it. */
export function whereShown(key: string, places: Map<string, string[]>): string {
  const nodes = places.get(key);
  const code = CODE_PLACES.find(([prefix]) => key.startsWith(prefix))?.[1];
  if (nodes?.length) {
    const list = nodes.length > 4 ? [...nodes.slice(0, 4), `+${nodes.length - 4} lagi`] : nodes;
    return `${list.join(", ")} (semua chat)${code ? `; ${code}` : ""}`;
  }
  return code ?? "tidak dipakai alur mana pun";
}
