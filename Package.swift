// swift-tools-version:6.0
// ClassFeed: a class timetable (schedule.json) in, RFC 5545 iCalendar feeds out.
// Depends on the Swift toolchain alone (Foundation, Glibc, XCTest, Swift Testing).
import PackageDescription

let package = Package(
    name: "ClassFeed",
    products: [
        // The iCalendar layer, for Swift servers that build and serve feeds themselves.
        .library(name: "ICalendar", targets: ["ICalendar", "CivilTime"]),
        .executable(name: "classfeed", targets: ["classfeed"]),
    ],
    targets: [
        // Civil dates and times, and time-zone rules read from the system tz database (TZif).
        .target(name: "CivilTime"),
        // RFC 5545 wire format: content lines, components, writer, reader, VTIMEZONE, RRULE expansion.
        .target(name: "ICalendar", dependencies: ["CivilTime"]),
        // The studio domain: schedule.json model, decoding and diagnostics, the recurrence engine.
        .target(name: "Timetable", dependencies: ["CivilTime"]),
        // Joins the two: occurrences -> calendar feeds, stable UIDs.
        .target(name: "FeedBuilder", dependencies: ["ICalendar", "Timetable"]),
        // The command line as a library: run(arguments:environment:fileSystem:clock:...) -> ExitCode.
        .target(name: "ClassFeedCommands", dependencies: ["FeedBuilder", "Timetable", "ICalendar", "CivilTime"]),
        // main.swift: calls the commands with the real world.
        .executableTarget(name: "classfeed", dependencies: ["ClassFeedCommands"]),
        // The performance workloads, in-process (swift run -c release classfeed-bench).
        .executableTarget(name: "classfeed-bench", dependencies: ["FeedBuilder", "Timetable", "ICalendar"]),
        // What test targets share: how many seeds a property test runs.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"]),
        .testTarget(name: "TimetableTests", dependencies: ["Timetable", "TestSupport"]),
        // Golden files are read from the source tree (and re-recorded there), not bundled.
        .testTarget(name: "FeedBuilderTests", dependencies: ["FeedBuilder", "TestSupport"], exclude: ["Golden"]),
        // The commands' pure parts: the error mapping, the options tables, the completions.
        .testTarget(name: "ClassFeedCommandsTests", dependencies: ["ClassFeedCommands", "Timetable", "CivilTime"], exclude: ["Golden"]),
        // The commands run in-process, and a few end-to-end runs of the built classfeed binary.
        .testTarget(name: "ClassFeedCLITests", dependencies: ["ClassFeedCommands", "ICalendar"]),
    ]
)
