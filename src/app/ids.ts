/** Ids as the database stores them: a UUID in its canonical 8-4-4-4-12 hexadecimal form. Pure. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string): boolean => UUID.test(s);
