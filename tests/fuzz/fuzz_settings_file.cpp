// The settings file ("Attention Lens.conf") on arbitrary bytes: either a reason it must be set
// aside and no values, or values that save and read back as a file the app accepts.
#include <QByteArray>
#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdint>

#include "fuzz_check.h"
#include "settings_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const settings_file::Contents contents = settings_file::parse(bytes);
    if (!contents.problem.isEmpty()) {
        FUZZ_CHECK(contents.values.isEmpty(), "a refused file yields nothing");
        return 0;
    }
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("Attention Lens.conf"));
    FUZZ_CHECK(settings_file::write(path, contents.values).isEmpty(), "accepted values can be saved");
    const settings_file::Contents again = settings_file::read(path);
    // What the app saved it must never set aside. (Keys are not compared: QSettings rewrites odd
    // ones, such as keys with backslashes, when it saves them.)
    FUZZ_CHECK(again.problem.isEmpty() && !again.notParsed, "what the app saved it reads back");
    FUZZ_CHECK(again.values.size() <= contents.values.size(), "a save adds no keys");
    return 0;
}
