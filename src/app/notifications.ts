/** The caller's notifications and language: read, marked read, chosen — always the caller's own rows. */
import type { Db, Principal } from "../store/index.ts";
import { markRead, notificationsOf, setUserLang } from "../store/notifications.ts";

export const myNotifications = (db: Db, p: Principal, o: { unread?: boolean; limit: number }) =>
  notificationsOf(db, p.userId, o);

export const markMineRead = (db: Db, p: Principal, ids?: string[]) => markRead(db, p.userId, ids);

export const setMyLang = (db: Db, p: Principal, lang: "en" | "ko" | "ja") => setUserLang(db, p.userId, lang);
