// swift-tools-version:6.0
// Examples of the ICalendar library, built against the checkout one folder up (.ci/run builds it).
import PackageDescription

// A path dependency's identity is the last component of its path as resolved: here the name of
// the folder the repository was cloned into (classfeed, ClassFeed, wt-api ...), and `package:`
// must be that identity (the name inside its Package.swift is not accepted). Derive it, so the
// examples build from a clone in any folder.
let library = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "classfeed")

let package = Package(
    name: "ICalendarExamples",
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        .executableTarget(
            name: "studio-feed",
            dependencies: [.product(name: "ICalendar", package: library)]
        ),
        // Reads a feed and lists its instances as Dates, through the optional Foundation product.
        .executableTarget(
            name: "expand-feed",
            dependencies: [.product(name: "ICalendarFoundation", package: library)]
        ),
    ]
)
