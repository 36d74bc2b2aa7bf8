#ifndef HEATDESK_SQLITE_TUNING_H
#define HEATDESK_SQLITE_TUNING_H

/// Process-wide SQLite settings that only `sqlite3_config` can make, which Swift cannot call
/// (it is variadic). Must run before the process opens its first connection.
///
/// Turns off SQLite's memory statistics (`SQLITE_CONFIG_MEMSTATUS`): with them on, every
/// allocation SQLite makes takes a global mutex and updates counters, about 5 % of applying a
/// sync batch (Docs/sync-protocol.md, "Where applying goes"). heatdesk never reads those statistics.
///
/// Returns SQLITE_OK, or SQLITE_MISUSE when SQLite was already initialised (the setting is then
/// left as it was; nothing else changes).
int heatdesk_sqlite_tune(void);

#endif
