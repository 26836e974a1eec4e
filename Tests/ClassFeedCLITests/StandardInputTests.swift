import ClassFeedCommands
import Foundation
import Testing

/// `--schedule -` on the real file system: standard input is read through the system-call
/// layer's one read loop, tested here on a pipe, in this process.
@Suite struct StandardInputTests {
    @Test("a pipe is read to its end")
    func readsAPipeToItsEnd() throws {
        let pipe = Pipe()
        let text = Array(Studio.circlSchedule.utf8)
        try pipe.fileHandleForWriting.write(contentsOf: Data(text.prefix(60_000)))
        try pipe.fileHandleForWriting.close()
        let read = try POSIXFileSystem.readToEnd(pipe.fileHandleForReading.fileDescriptor, limit: 8 << 20)
        #expect(read == Array(text.prefix(60_000)))
        try pipe.fileHandleForReading.close()
    }

    @Test("more than the limit is refused, counted as read")
    func aPipeOverTheLimitIsRefused() throws {
        let pipe = Pipe()
        try pipe.fileHandleForWriting.write(contentsOf: Data(repeating: 0x20, count: 11))
        try pipe.fileHandleForWriting.close()
        #expect(throws: CLIError(.dataError, "<stdin>: more than 10 bytes; the limit is 10 bytes")) {
            try POSIXFileSystem.readToEnd(pipe.fileHandleForReading.fileDescriptor, limit: 10)
        }
        try pipe.fileHandleForReading.close()
    }

    @Test("an output folder whose parent is missing on disk gets the mkdir -p hint")
    func missingParentOnDisk() throws {
        let studio = try Studio()
        let r = try studio.run("build", "--output", "sites/feeds", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 73)
        #expect(r.stderr == "classfeed: error: cannot create the output folder sites/feeds: No such file or directory\n"
            + "  hint: create it first: mkdir -p sites/feeds\n")
        #expect(!studio.exists("sites"))
    }
}
