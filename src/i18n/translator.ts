import i18next from "i18next";
import type { Translator } from "../engine/deps.ts";
import { LANGS, type Lang } from "../engine/types.ts";
import { flatten, type Resources } from "./locales.ts";

/** Called when a key is missing in a language; the text then comes from Indonesian. */
export type MissingHandler = (lang: Lang, key: string) => void;

/**
 * Builds the engine's {@link Translator} on an isolated i18next instance.
 *
 * Madurese has no plural rules in `Intl`: `new Intl.PluralRules('mad')` silently follows the
 * server's locale, which would make counted keys fall back to Indonesian depending on `LANG`.
 * We therefore resolve plural rules for `mad` with Indonesian's (which has only `other`), and
 * pass values through `replace` so a variable called `count` never triggers plural lookup.
 * A missing key is reported through `onMissing` instead of silently falling back.
 */
export function createTranslator(
  resources: Record<Lang, Resources>,
  onMissing: MissingHandler = () => {},
): Translator {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: Object.fromEntries(LANGS.map((l) => [l, { translation: resources[l] }])),
    lng: "id",
    supportedLngs: [...LANGS],
    fallbackLng: { mad: ["id"], default: ["id"] },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  const resolver = i18n.services.pluralResolver as {
    getRule: (code: string, options?: unknown) => unknown;
    clearCache?: () => void;
  };
  const getRule = resolver.getRule.bind(resolver);
  resolver.getRule = (code, options) => getRule(code === "mad" ? "id" : code, options);
  resolver.clearCache?.();

  // Most messages have no placeholders: they are served from a map, without i18next's work.
  const texts = Object.fromEntries(LANGS.map((l) => [l, flatten(resources[l])])) as Record<
    Lang,
    Map<string, string>
  >;
  const plain = Object.fromEntries(
    LANGS.map((l) => [l, new Map([...texts[l]].filter(([, text]) => !/\{\{|\$t\(/.test(text)))]),
  ) as Record<Lang, Map<string, string>>;
  return (lang, key, params) => {
    const fixed = plain[lang].get(key);
    if (fixed !== undefined) return fixed;
    if (!texts[lang].has(key)) onMissing(lang, key);
    return i18n.t(key, { lng: lang, replace: params ?? {} });
  };
}
