// swift-tools-version:6.0
// ClassFeed: a class timetable (schedule.json) in, RFC 5545 iCalendar feeds out.
// Depends on the Swift toolchain alone (Foundation, Glibc, XCTest, Swift Testing).
import PackageDescription

let package = Package(
    name: "ClassFeed",
    products: [
        // The iCalendar layer, for Swift servers that build and serve feeds themselves.
        .library(name: "ICalendar", targets: ["ICalendar", "CivilTime", "Bytes"]),
        // Optional: Date and TimeZone to and from the library's instants and zone names. The core
        // product stays free of Foundation; this one adds it.
        .library(name: "ICalendarFoundation", targets: ["ICalendarFoundation"]),
        .executable(name: "classfeed", targets: ["classfeed"]),
    ],
    targets: [
        // The one home of raw memory: a non-copyable byte buffer, a word-at-a-time scanner and a
        // cursor whose unchecked reads say so. Everything above it is safe Swift.
        .target(name: "Bytes"),
        // Civil dates and times, and time-zone rules read from the system tz database (TZif).
        .target(name: "CivilTime", dependencies: ["Bytes"]),
        // RFC 5545 wire format: content lines, components, writer, reader, VTIMEZONE, RRULE expansion.
        .target(name: "ICalendar", dependencies: ["CivilTime", "Bytes"]),
        // Foundation's Date and TimeZone to and from ICalendar's instants, wall times and zone names.
        .target(name: "ICalendarFoundation", dependencies: ["ICalendar"]),
        // The studio domain: schedule.json model, decoding and diagnostics, the recurrence engine.
        // RFC 8259 JSON with source locations: values and safe accessors, never pointers.
        .target(name: "JSON", dependencies: ["Bytes"]),
        .target(name: "Timetable", dependencies: ["CivilTime", "JSON", "Bytes"]),
        // Joins the two: occurrences -> calendar feeds, stable UIDs.
        .target(name: "FeedBuilder", dependencies: ["ICalendar", "Timetable", "Bytes"]),
        // The command line as a library: run(arguments:environment:fileSystem:clock:...) -> ExitCode.
        .target(name: "ClassFeedCommands", dependencies: ["FeedBuilder", "Timetable", "JSON", "ICalendar", "CivilTime", "Bytes"]),
        // main.swift: calls the commands with the real world.
        .executableTarget(name: "classfeed", dependencies: ["ClassFeedCommands"]),
        // The performance workloads, in-process (swift run -c release classfeed-bench).
        .executableTarget(name: "classfeed-bench", dependencies: ["FeedBuilder", "Timetable", "ICalendar"]),
        // What test targets share: how many seeds a property test runs, a command run in-process.
        .target(name: "TestSupport", dependencies: ["ClassFeedCommands"], path: "Tests/TestSupport"),
        .testTarget(name: "BytesTests", dependencies: ["Bytes"]),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"]),
        .testTarget(name: "ICalendarFoundationTests", dependencies: ["ICalendarFoundation"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "TimetableTests", dependencies: ["Timetable", "TestSupport"]),
        // Golden files are read from the source tree (and re-recorded there), not bundled.
        .testTarget(name: "FeedBuilderTests", dependencies: ["FeedBuilder", "TestSupport"], exclude: ["Golden"]),
        // The commands' pure parts: the error mapping, the options tables, the completions.
        .testTarget(name: "ClassFeedCommandsTests", dependencies: ["ClassFeedCommands", "Timetable", "CivilTime", "TestSupport"], exclude: ["Golden"]),
        // The commands run in-process, and a few end-to-end runs of the built classfeed binary.
        .testTarget(name: "ClassFeedCLITests", dependencies: ["ClassFeedCommands", "ICalendar", "TestSupport"]),
    ]
)
