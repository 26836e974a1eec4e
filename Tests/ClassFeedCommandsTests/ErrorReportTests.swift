import CivilTime
import ClassFeedCommands
import Testing
import Timetable

/// Every failure becomes its message and exit status in one pure function, tested as values.
@Suite struct ErrorReportTests {
    @Test func aCommandLineErrorIsItsMessageAndItsStatus() {
        let report = ErrorReport(CLIError(.tempFail, "another classfeed run is writing output"))
        #expect(report == ErrorReport(lines: ["classfeed: error: another classfeed run is writing output"], exitCode: .tempFail))
        #expect(report.text == "classfeed: error: another classfeed run is writing output\n")
    }

    @Test func anInvalidScheduleListsItsDiagnosticsThenACountAndExits65() {
        let e = ScheduleError([
            Diagnostic(.error, file: "schedule.json", location: nil, path: "classes[0].start", message: "expected HH:MM"),
            Diagnostic(.warning, file: "schedule.json", location: nil, path: "classes[1]", message: "never runs"),
        ])
        #expect(e.exitCode == .dataError)
        #expect(ErrorReport(e) == ErrorReport(
            lines: [
                "schedule.json: error: classes[0].start: expected HH:MM",
                "schedule.json: warning: classes[1]: never runs",
                "classfeed: 1 error in the schedule; nothing was written",
            ],
            exitCode: .dataError))
    }

    struct Busy: ExitCodeProviding, CustomStringConvertible {
        var exitCode: ExitCode { .tempFail }
        var description: String { "the disk is busy" }
    }

    @Test func anErrorThatStatesItsStatusKeepsIt() {
        #expect(ErrorReport(Busy()) == ErrorReport(lines: ["classfeed: error: the disk is busy"], exitCode: .tempFail))
    }

    @Test func aZoneErrorBlamesTheDatabase() {
        let e = ZoneDataError("the zone file /usr/share/zoneinfo/Europe/London is not TZif")
        #expect(ErrorReport(e) == ErrorReport(
            lines: ["classfeed: error: the zone file /usr/share/zoneinfo/Europe/London is not TZif"], exitCode: .osFile))
    }

    struct Unplanned: Error, CustomStringConvertible {
        var description: String { "something nobody planned for" }
    }

    @Test func anErrorThatStatesNoStatusIsAnIOError() {
        #expect(ErrorReport(Unplanned()) == ErrorReport(lines: ["classfeed: error: something nobody planned for"], exitCode: .ioError))
    }

    @Test func theStatusesAreTheSysexitsOnes() {
        #expect([ExitCode.ok, .usage, .dataError, .noInput, .osFile, .cannotCreate, .ioError, .tempFail].map(\.rawValue)
            == [0, 64, 65, 66, 72, 73, 74, 75])
    }
}
