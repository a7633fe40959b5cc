export const LOCALE_COOKIE = 'concertation_lang';
