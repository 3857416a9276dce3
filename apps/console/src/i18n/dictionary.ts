import { en } from './en';
import { id } from './id';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';

export type MessageKey = keyof typeof id;
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { id, en };

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

/**
 * The text of `key` in `language`, with `{name}` placeholders filled. An unknown key is shown as
 * itself, so a missing text is visible on the page rather than an empty string.
 */
export function translate(language: Language, key: string, params: Record<string, unknown> = {}): string {
  const text = DICTIONARIES[language][key as MessageKey] ?? DICTIONARIES[DEFAULT_LANGUAGE][key as MessageKey] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
