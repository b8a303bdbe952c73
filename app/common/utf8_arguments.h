// Command-line values that are not UTF-8. Qt 6 on Linux reads every argument and file name as
// UTF-8 (QFile::decodeName is QString::fromLocal8Bit, and Qt 6 takes the locale as UTF-8): bytes
// that are not UTF-8 become U+FFFD, and encoding that back gives other bytes, so a folder named
// so could never be found again. Such a value is refused, by name, before Qt reads the arguments
// (by the app and by attention-lens-cli alike).
#pragma once
#include <QString>

// "" when every argument is valid UTF-8; else a sentence that names the option (or argument) and
// the byte offset of the first byte that starts no UTF-8 character, e.g. "the value of --model is
// not valid UTF-8 (byte 12 ...)".
QString nonUtf8Argument(int argc, const char* const* argv);
