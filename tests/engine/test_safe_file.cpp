// The engine's safe file rules (attention_lens/safe_file.h) on real files: named pipes, devices,
// links and sparse files are refused without blocking or reading; writes replace a link instead of
// following it and leave the old file whole when the disk is full; a folder is replaced in one
// step; a loaded model keeps working when its file is cut short; a tokenizer file's raw bytes never
// reach an error message.
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "attention_lens/error.h"
#include "attention_lens/model.h"
#include "attention_lens/safe_file.h"
#include "attention_lens/tokenizer.h"
#include "storage_failures.h"

namespace fs = std::filesystem;

namespace {
std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}
void put(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

using storage_failures::DiskFull; // no file of this process may grow past its bytes
} // namespace

class TestSafeFile : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string at(const char* name) { return dir_.filePath(QString::fromLatin1(name)).toStdString(); }

private slots:
    void readsRegularFilesOnly() {
        put(at("plain.txt"), "hello");
        const al::FileBytes ok = al::read_regular_file(at("plain.txt"), 100, al::Links::Refuse);
        QCOMPARE(int(ok.problem), int(al::FileProblem::None));
        QCOMPARE(ok.bytes, std::string("hello"));
        QCOMPARE(int(al::read_regular_file(at("absent"), 100, al::Links::Refuse).problem), int(al::FileProblem::Missing));

        QVERIFY(::mkfifo(at("pipe").c_str(), 0600) == 0);
        QElapsedTimer clock;
        clock.start();
        const al::FileBytes pipe = al::read_regular_file(at("pipe"), 100, al::Links::Follow);
        QVERIFY(clock.elapsed() < 1000); // not waiting for a writer
        QCOMPARE(int(pipe.problem), int(al::FileProblem::NotRegular));
        QCOMPARE(pipe.kind, std::string("a named pipe (FIFO)"));

        const al::FileBytes zero = al::read_regular_file("/dev/zero", 100, al::Links::Follow);
        QCOMPARE(int(zero.problem), int(al::FileProblem::NotRegular));
        QCOMPARE(int(al::read_regular_file(dir_.path().toStdString(), 100, al::Links::Follow).problem),
                 int(al::FileProblem::NotRegular));

        fs::create_symlink(at("plain.txt"), at("link.txt"));
        QCOMPARE(int(al::read_regular_file(at("link.txt"), 100, al::Links::Refuse).problem), int(al::FileProblem::Link));
        QCOMPARE(al::read_regular_file(at("link.txt"), 100, al::Links::Follow).bytes, std::string("hello"));
        fs::create_symlink("/dev/zero", at("zero-link"));
        QCOMPARE(int(al::read_regular_file(at("zero-link"), 100, al::Links::Follow).problem), int(al::FileProblem::NotRegular));
    }

    void refusesFilesOverTheCapWithoutReadingThem() {
        const int fd = ::open(at("sparse").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        QVERIFY(fd >= 0 && ::ftruncate(fd, off_t(30) << 30) == 0);
        ::close(fd);
        const al::FileBytes big = al::read_regular_file(at("sparse"), 16 << 20, al::Links::Follow);
        QCOMPARE(int(big.problem), int(al::FileProblem::TooLarge));
        QCOMPARE(big.size, uint64_t(30) << 30);
        QVERIFY(big.bytes.empty());
        QVERIFY(al::describe(big, 16 << 20).find("32212254720 bytes") != std::string::npos);
    }

    void atomicWriteReplacesALinkAndNeverFollowsIt() {
        put(at("target.txt"), "someone else's");
        fs::create_symlink(at("target.txt"), at("state.json"));
        QCOMPARE(al::write_file_atomically(at("state.json"), "{}"), std::string());
        QCOMPARE(slurp(at("target.txt")), std::string("someone else's"));
        QVERIFY(!fs::is_symlink(at("state.json")));
        QCOMPARE(slurp(at("state.json")), std::string("{}"));
    }

    // A pipe, a folder or a link to a device at the path is someone else's: refused, left as it is.
    void atomicWriteNeverReplacesSpecialFiles() {
        QVERIFY(::mkfifo(at("out-pipe").c_str(), 0600) == 0);
        std::string why = al::write_file_atomically(at("out-pipe"), "png");
        QVERIFY2(why.find("named pipe") != std::string::npos, why.c_str());
        QVERIFY(fs::is_fifo(at("out-pipe")));
        fs::create_directory(at("out-folder"));
        QVERIFY(al::write_file_atomically(at("out-folder"), "png").find("a folder") != std::string::npos);
        QVERIFY(fs::is_directory(at("out-folder")));
        fs::create_symlink("/dev/null", at("to-device"));
        why = al::write_file_atomically(at("to-device"), "png");
        QVERIFY2(why.find("link to a character device") != std::string::npos, why.c_str());
        QVERIFY(fs::is_symlink(at("to-device")));
        // A dangling link is replaced (nothing of anyone's is lost), as a link to a file is.
        fs::create_symlink(at("nowhere"), at("dangling"));
        QCOMPARE(al::write_file_atomically(at("dangling"), "png"), std::string());
        QCOMPARE(slurp(at("dangling")), std::string("png"));
        QVERIFY(!fs::exists(at("nowhere")));
        // /dev and /proc hold the system's own entries: /dev/stdout (with the output sent to a
        // file, a link to a file) or /proc/self/fd/N is never replaced, and nothing is made there.
        const std::string inDev = "/dev/al-safe-file-test-" + std::to_string(::getpid());
        why = al::write_file_atomically(inDev, "png");
        QVERIFY2(why.find("/dev") != std::string::npos && why.find("system") != std::string::npos, why.c_str());
        QVERIFY(!fs::exists(inDev));
        why = al::write_file_atomically("/proc/self/fd/1", "png");
        QVERIFY2(why.find("/proc") != std::string::npos, why.c_str());
    }

    // A save replaces the file with a new one: the new one keeps the old one's permissions (a
    // private file stays private), and a file that was not there gets what the umask gives.
    void atomicWriteKeepsTheModeOfTheFileItReplaces() {
        const auto mode = [](const std::string& path) {
            struct stat st {};
            return ::stat(path.c_str(), &st) == 0 ? int(st.st_mode & 07777) : -1;
        };
        for (const mode_t kept : {mode_t(0600), mode_t(0640), mode_t(0664)}) {
            put(at("private.json"), "old");
            QVERIFY(::chmod(at("private.json").c_str(), kept) == 0);
            QCOMPARE(al::write_file_atomically(at("private.json"), "new"), std::string());
            QCOMPARE(slurp(at("private.json")), std::string("new"));
            QCOMPARE(mode(at("private.json")), int(kept));
        }
        const mode_t before = ::umask(077);
        QCOMPARE(al::write_file_atomically(at("fresh-private.json"), "{}"), std::string());
        ::umask(022);
        QCOMPARE(al::write_file_atomically(at("fresh-shared.json"), "{}"), std::string());
        ::umask(before);
        QCOMPARE(mode(at("fresh-private.json")), 0600);
        QCOMPARE(mode(at("fresh-shared.json")), 0644);

        // A folder replaced whole (train-lab --out, a download's install): its files keep theirs too.
        const std::string model = at("private-folder");
        fs::create_directories(model);
        put(model + "/config.json", "old");
        QVERIFY(::chmod((model + "/config.json").c_str(), 0600) == 0);
        QVERIFY(::chmod(model.c_str(), 0700) == 0);
        al::replace_folder_atomically(model, {"config.json", "vocab.json"}, [](const std::string& d) {
            put(d + "/config.json", "new");
            put(d + "/vocab.json", "{}");
        });
        QCOMPARE(slurp(model + "/config.json"), std::string("new"));
        QCOMPARE(mode(model + "/config.json"), 0600);
        QCOMPARE(mode(model), 0700);
    }

    void atomicWriteKeepsTheOldFileOnAFullDisk() {
        put(at("saved.json"), "old and whole");
        std::string why;
        {
            DiskFull full(64);
            why = al::write_file_atomically(at("saved.json"), std::string(4096, 'n'));
        }
        QVERIFY(!why.empty());
        QCOMPARE(slurp(at("saved.json")), std::string("old and whole"));
        for (const auto& e : fs::directory_iterator(dir_.path().toStdString()))
            QVERIFY2(e.path().filename().string().find(".saving-") == std::string::npos, e.path().c_str());
    }

    void staleTemporariesAreRemovedOthersKept() {
        put(at("p.json"), "x");
        put(at("p.json.saving-AbC123"), "half");
        put(at("p.json.backup"), "mine");
        put(at("p.json.saving-seven77"), "not ours");
        al::remove_stale_temporaries(at("p.json"));
        QVERIFY(!fs::exists(at("p.json.saving-AbC123")));
        QVERIFY(fs::exists(at("p.json.backup")) && fs::exists(at("p.json.saving-seven77")));
    }

    void folderIsReplacedWholeOrNotAtAll() {
        const std::string dest = at("model");
        fs::create_directories(dest);
        put(dest + "/config.json", "old");
        // A fill that fails part way: the old folder stays, nothing is left beside it.
        QVERIFY_THROWS_EXCEPTION(al::Error, al::replace_folder_atomically(dest, {"config.json"}, [](const std::string& d) {
            put(d + "/config.json", "new");
            throw al::Error("disk full");
        }));
        QCOMPARE(slurp(dest + "/config.json"), std::string("old"));
        int entries = 0;
        for (const auto& e : fs::directory_iterator(dir_.path().toStdString()))
            entries += e.path().filename().string().find("model") != std::string::npos;
        QCOMPARE(entries, 1);
        al::replace_folder_atomically(dest, {"config.json"}, [](const std::string& d) { put(d + "/config.json", "new"); });
        QCOMPARE(slurp(dest + "/config.json"), std::string("new"));
    }

    // A writer killed with SIGKILL leaves its temporary folder beside the destination; the next
    // call cleans it. A folder of that pattern that a live writer holds, one whose name only looks
    // alike, and any file of someone else's in a leftover are kept. An earlier folder held aside
    // when the kill came is put back, not deleted.
    void leftoversOfKilledWritersAreCleaned() {
        const std::string dest = at("trained");
        const std::vector<std::string> ours{"config.json", "model.safetensors"};
        const auto leftovers = [this] {
            std::vector<std::string> names;
            for (const auto& e : fs::directory_iterator(dir_.path().toStdString()))
                if (e.path().filename().string().rfind(".trained.", 0) == 0) names.push_back(e.path().filename().string());
            std::sort(names.begin(), names.end());
            return names;
        };
        for (int run = 0; run < 2; ++run) {
            const pid_t child = ::fork();
            if (child == 0) {
                al::replace_folder_atomically(dest, ours, [](const std::string& d) {
                    put(d + "/config.json", "half");
                    // Killed inside an atomic save of a second file: its temporary is ours too.
                    put(d + "/model.safetensors.saving-Ab12Cd", "half");
                    ::raise(SIGKILL);
                });
                ::_exit(0);
            }
            int status = 0;
            QCOMPARE(::waitpid(child, &status, 0), child);
            QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
            // Each run left its ".trained.writing-XXXXXX"; the second cleaned the first's.
            QCOMPARE(leftovers().size(), size_t(1));
        }

        // A live writer's folder (this process holds its lock), a look-alike name, and a leftover
        // holding a file that is not ours.
        const std::string live = at(".trained.writing-LiVe01");
        fs::create_directory(live);
        const int held = ::open(live.c_str(), O_RDONLY | O_DIRECTORY);
        QVERIFY(held >= 0 && ::flock(held, LOCK_EX) == 0);
        fs::create_directory(at(".trained.writing-notmine"));
        fs::create_directory(at(".trained.writing-Other1"));
        put(at(".trained.writing-Other1/notes.txt"), "mine");
        put(at(".trained.writing-Other1/notes.txt.saving-Ab12Cd"), "mine"); // not a model file's temporary
        put(at(".trained.writing-Other1/config.json.saving-Ab12"), "mine");  // not mkstemp's six letters
        put(at(".trained.writing-Other1/config.json.saving-Zz99Yy"), "half"); // ours: removed
        // Killed between moving the earlier model aside and moving the new one in.
        fs::create_directories(at(".trained.previous-Prev01/old"));
        put(at(".trained.previous-Prev01/old/config.json"), "earlier model");

        al::replace_folder_atomically(dest, ours, [](const std::string& d) { put(d + "/config.json", "new"); });
        QCOMPARE(slurp(dest + "/config.json"), std::string("new"));
        QCOMPARE(leftovers(), (std::vector<std::string>{".trained.writing-LiVe01", ".trained.writing-Other1",
                                                        ".trained.writing-notmine"}));
        QCOMPARE(slurp(at(".trained.writing-Other1/notes.txt")), std::string("mine"));
        QCOMPARE(slurp(at(".trained.writing-Other1/notes.txt.saving-Ab12Cd")), std::string("mine"));
        QCOMPARE(slurp(at(".trained.writing-Other1/config.json.saving-Ab12")), std::string("mine"));
        QVERIFY(!fs::exists(at(".trained.writing-Other1/config.json.saving-Zz99Yy")));
        ::close(held);

        // The earlier model put back when nothing had taken its place.
        fs::remove_all(dest);
        fs::create_directories(at(".trained.previous-Prev02/old"));
        put(at(".trained.previous-Prev02/old/config.json"), "earlier model");
        put(at(".trained.previous-Prev02/old/model.safetensors"), "weights");
        QVERIFY_THROWS_EXCEPTION(al::Error, al::replace_folder_atomically(dest, ours, [](const std::string&) {
            throw al::Error("stopped before writing");
        }));
        QCOMPARE(slurp(dest + "/config.json"), std::string("earlier model"));
        QVERIFY(!fs::exists(at(".trained.previous-Prev02")));
        for (const char* kept : {".trained.writing-LiVe01", ".trained.writing-Other1", ".trained.writing-notmine"})
            fs::remove_all(at(kept)); // the folder is shared with the other tests
    }

    // One writer per folder: a second is told who holds it, never made to wait; a link at the
    // lock's path is not followed; the lock file goes with the lock.
    void folderWriteLockAdmitsOneWriter() {
        const std::string dest = at("locked");
        const std::string lockFile = at(".locked.lock");
        {
            al::FolderWriteLock first(dest);
            QVERIFY2(first.held(), first.problem().c_str());
            QVERIFY(fs::exists(lockFile));
            int fds[2];
            QVERIFY(::pipe(fds) == 0);
            const pid_t child = ::fork();
            if (child == 0) { // flock belongs to the open file, so only another process sees it held
                al::FolderWriteLock second(dest);
                const std::string answer = std::string(second.busy() ? "busy:" : "free:") + second.problem();
                (void)!::write(fds[1], answer.data(), answer.size());
                ::_exit(0);
            }
            ::close(fds[1]);
            char buf[512] = {};
            const ssize_t n = ::read(fds[0], buf, sizeof buf - 1);
            ::close(fds[0]);
            int status = 0;
            QCOMPARE(::waitpid(child, &status, 0), child);
            const std::string answer(buf, size_t(std::max<ssize_t>(n, 0)));
            QVERIFY2(answer.rfind("busy:" + dest + " is being written by another process (process " +
                                      std::to_string(::getpid()) + ")", 0) == 0,
                     answer.c_str());
        }
        QVERIFY(!fs::exists(lockFile));
        {
            al::FolderWriteLock again(dest);
            QVERIFY2(again.held(), again.problem().c_str());
        }
        const std::string victim = at("victim.txt");
        put(victim, "keep");
        fs::create_symlink(victim, lockFile);
        {
            al::FolderWriteLock linked(dest);
            QVERIFY(!linked.held() && !linked.busy());
            QVERIFY2(linked.problem().find(".locked.lock") != std::string::npos, linked.problem().c_str());
        }
        QCOMPARE(slurp(victim), std::string("keep"));
        QVERIFY(fs::is_symlink(lockFile));
        fs::remove(lockFile);
        fs::remove(victim);
    }

    // A file already at the lock's path is taken over only when it is an earlier lock of ours or
    // empty: the learner's file of that name (bare digits too), or a hard link to a file elsewhere,
    // is refused and kept byte for byte (taking it over would truncate it and remove it at exit);
    // an empty file taken over is left there, empty.
    void folderWriteLockKeepsFilesItDidNotMake() {
        const std::string dest = at("owned");
        const std::string lockFile = at(".owned.lock");
        const std::string notes(800, 'n');
        put(lockFile, notes);
        {
            al::FolderWriteLock lock(dest);
            QVERIFY(!lock.held() && !lock.busy());
            QVERIFY2(lock.problem().find(".owned.lock is not a lock file of this program") != std::string::npos, lock.problem().c_str());
        }
        QCOMPARE(slurp(lockFile), notes);
        for (const std::string& small : {std::string("12 apples\n"), std::string("12\n"), std::string("4711")}) {
            put(lockFile, small); // small, and digits alone: a learner's file as much as a lock
            { al::FolderWriteLock lock(dest); QVERIFY(!lock.held()); }
            QCOMPARE(slurp(lockFile), small);
        }
        fs::remove(lockFile);

        const std::string victim = at("victim-linked.txt");
        put(victim, "attention-lens lock, process 7\n"); // looks like a lock file, but has a second name
        fs::create_hard_link(victim, lockFile);
        {
            al::FolderWriteLock lock(dest);
            QVERIFY(!lock.held() && !lock.busy());
            QVERIFY2(lock.problem().find("has other names (hard links)") != std::string::npos, lock.problem().c_str());
        }
        QCOMPARE(slurp(victim), std::string("attention-lens lock, process 7\n"));
        QVERIFY(fs::exists(lockFile));
        fs::remove(lockFile);
        fs::remove(victim);

        // An earlier writer's lock left by a crash is taken over and removed at release; an empty
        // file (a writer stopped before writing its id, or the learner's) is taken over and left empty.
        const std::string ours = "attention-lens lock, process " + std::to_string(::getpid()) + "\n";
        put(lockFile, "attention-lens lock, process 999999999\n");
        {
            al::FolderWriteLock lock(dest);
            QVERIFY2(lock.held(), lock.problem().c_str());
            QCOMPARE(slurp(lockFile), ours);
        }
        QVERIFY(!fs::exists(lockFile));
        put(lockFile, "");
        {
            al::FolderWriteLock lock(dest);
            QVERIFY2(lock.held(), lock.problem().c_str());
            QCOMPARE(slurp(lockFile), ours);
        }
        QVERIFY(fs::exists(lockFile));
        QCOMPARE(slurp(lockFile), std::string());
        fs::remove(lockFile);
    }

    // A folder that holds anything but the files the fill writes is the learner's: refused before
    // `fill` runs, and every file in it kept. Empty and missing folders are fine.
    void folderOfOtherFilesIsNeverReplaced() {
        const std::vector<std::string> ours{"config.json", "model.safetensors"};
        const std::string dest = at("proj");
        fs::create_directories(dest + "/sub");
        put(dest + "/a.txt", "x");
        put(dest + "/config.json", "old");
        bool filled = false;
        try {
            al::replace_folder_atomically(dest, ours, [&](const std::string& d) {
                filled = true;
                put(d + "/config.json", "new");
            });
            QFAIL("a folder of other files was replaced");
        } catch (const al::Error& e) {
            QCOMPARE(std::string(e.what()), dest + " exists and holds other files (a.txt, sub/); give a new or empty folder");
        }
        QVERIFY(!filled);
        QCOMPARE(slurp(dest + "/a.txt"), std::string("x"));
        QCOMPARE(slurp(dest + "/config.json"), std::string("old"));
        QVERIFY(fs::is_directory(dest + "/sub"));

        // A file that is ours by name but not a regular file (a link) is not ours.
        const std::string linked = at("linked");
        fs::create_directories(linked);
        fs::create_symlink(dest + "/a.txt", linked + "/config.json");
        QVERIFY(!al::why_folder_cannot_be_replaced(linked, ours).empty());
        // The folder given as a link: refused, the link and its target kept.
        fs::create_directory_symlink(dest, at("via-link"));
        QVERIFY(al::why_folder_cannot_be_replaced(at("via-link"), ours).find("symbolic link") != std::string::npos);

        QCOMPARE(al::why_folder_cannot_be_replaced(at("nothing-here"), ours), std::string());
        fs::create_directories(at("empty"));
        al::replace_folder_atomically(at("empty"), ours, [](const std::string& d) { put(d + "/config.json", "new"); });
        QCOMPARE(slurp(at("empty") + "/config.json"), std::string("new"));
    }

    // A file that appears in the folder while `fill` runs: refused before the move, kept.
    void fileAddedDuringTheFillIsKept() {
        const std::string dest = at("model");
        fs::create_directories(dest);
        put(dest + "/config.json", "old");
        QVERIFY_THROWS_EXCEPTION(al::Error, al::replace_folder_atomically(dest, {"config.json"}, [&](const std::string& d) {
            put(d + "/config.json", "new");
            put(dest + "/late.txt", "mine");
        }));
        QCOMPARE(slurp(dest + "/late.txt"), std::string("mine"));
        QCOMPARE(slurp(dest + "/config.json"), std::string("old"));
        for (const auto& e : fs::directory_iterator(dir_.path().toStdString()))
            QVERIFY2(e.path().filename().string().find(".writing-") == std::string::npos, e.path().c_str());
    }

    // The engine owns the weights' bytes: cutting the file short (as `truncate` or a `cp` over it
    // does) while the model is loaded changes nothing in it. With a mapping this read would SIGBUS.
    void loadedModelOutlivesItsFile() {
        const std::string model = at("tiny");
        fs::create_directories(model);
        const std::string fixture = qEnvironmentVariable("AL_FIXTURE_MODEL").toStdString();
        for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"})
            fs::copy_file(fixture + "/" + f, model + "/" + f);
        const auto m = al::Model::load(model);
        const int64_t n = int64_t(m->config().vocab_size) * m->config().n_embd;
        double before = 0;
        for (int64_t i = 0; i < n; ++i) before += m->wte()[i];
        QVERIFY(::truncate((model + "/model.safetensors").c_str(), 0) == 0);
        double after = 0;
        for (int64_t i = 0; i < n; ++i) after += m->wte()[i];
        QCOMPARE(after, before);
    }

    // A vocab.json of raw bytes: the message names the problem and quotes no control or invalid
    // bytes (they are written as \xNN).
    void tokenizerErrorsQuoteNoRawBytes() {
        put(at("vocab.json"), std::string("{\"\xff\xfe\x1b]0;owned\x07\x1b[2J\": 0}", 23));
        put(at("merges.txt"), "#version: 0.2\n");
        try {
            al::Tokenizer::load(at("vocab.json"), at("merges.txt"));
            QFAIL("accepted");
        } catch (const al::Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("not valid JSON") != std::string::npos, msg.c_str());
            for (unsigned char c : msg) QVERIFY2(c >= 0x20 && c < 0x7f, msg.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestSafeFile)
#include "test_safe_file.moc"
