#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's environment, read from `environ`.
package enum ProcessEnvironment {
    package static var current: [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let c = p.pointee {
            let kv = String(cString: c)
            if let eq = kv.firstIndex(of: "=") { env[String(kv[..<eq])] = String(kv[kv.index(after: eq)...]) }
            p += 1
        }
        return env
    }
}
