// SPDX-License-Identifier: MIT
// Must not compile: layout/ does no SQL, so the SQLite wrapper is out of its reach.
#include "model/Sqlite.h"
