import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { nl, type MessageKey } from './messages.nl.ts';

export type Language = 'nl' | 'en';
type Catalog = Record<MessageKey, string>;
const CATALOGS: Partial<Record<Language, Catalog>> = { nl };
const STORAGE_KEY = 'tafelwerk.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  formatDate(iso: string): string;
  formatDateTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'nl';
}

/**
 * English is downloaded only by whoever reads it, so that the first page stays small (issue 17); until it
 * has arrived the page stays Dutch throughout (text, language switch and lang attribute agree).
 */
let english: Promise<void> | undefined;
function loadCatalog(language: Language): Promise<void> {
  if (CATALOGS[language]) return Promise.resolve();
  english ??= import('./messages.en.ts').then(
    (m) => {
      CATALOGS.en = m.en;
    },
    (error: unknown) => {
      english = undefined; // the next choice of English tries again
      throw error;
    },
  );
  return english;
}
const ignore = () => undefined;
if (initialLanguage() === 'en') loadCatalog('en').catch(ignore);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const stored = initialLanguage();
    return CATALOGS[stored] ? stored : 'nl';
  });
  useEffect(() => {
    const stored = initialLanguage();
    // Offline or mid-deploy the English catalog may not come: the page then simply stays Dutch.
    if (stored === 'nl') return;
    loadCatalog(stored).then(() => setLanguageState(stored), ignore);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    loadCatalog(next).then(() => setLanguageState(next), ignore);
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
    // Made on first use: the first Intl formatter loads locale data (some 100 ms on a slow machine), which
    // pages without dates, the login page first, need not wait for (issue 17).
    let dateFormat: Intl.DateTimeFormat | undefined;
    let dateTimeFormat: Intl.DateTimeFormat | undefined;
    return {
      language,
      setLanguage,
      t: (key, params) =>
        (CATALOGS[language] ?? nl)[key].replace(/\{(\w+)\}/g, (match, name: string) =>
          params && name in params ? String(params[name]) : match,
        ),
      formatDate: (iso) =>
        (dateFormat ??= new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' })).format(
          new Date(iso),
        ),
      formatDateTime: (iso) =>
        (dateTimeFormat ??= new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(
          new Date(iso),
        ),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
