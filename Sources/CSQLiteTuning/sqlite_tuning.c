#include <sqlite3.h>
#include "sqlite_tuning.h"

int heatdesk_sqlite_tune(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
