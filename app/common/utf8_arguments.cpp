#include "utf8_arguments.h"

#include <string_view>

#include "attention_lens/tokenizer.h"

QString nonUtf8Argument(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        size_t bad = al::first_invalid_utf8(arg);
        if (bad == std::string_view::npos)
            continue;
        // "--model=DIR", or "--model DIR": the option the value belongs to; else the argument's place.
        QString what;
        const size_t equals = arg.find('=');
        if (arg.rfind("--", 0) == 0 && equals != std::string_view::npos && equals < bad) {
            what = QStringLiteral("the value of %1").arg(QString::fromUtf8(arg.data(), qsizetype(equals)));
            bad -= equals + 1; // counted in the value, as for "--model DIR"
        } else if (i > 1 && argv[i - 1][0] == '-' && al::first_invalid_utf8(argv[i - 1]) == std::string_view::npos)
            what = QStringLiteral("the value of %1").arg(QString::fromUtf8(argv[i - 1]));
        else
            what = QStringLiteral("argument %1").arg(i);
        return QStringLiteral("%1 is not valid UTF-8 (byte %2, counted from 0, starts no UTF-8 character); "
                              "give it in UTF-8 (a file or folder named otherwise must be renamed to be opened)")
            .arg(what)
            .arg(qulonglong(bad));
    }
    return QString();
}
