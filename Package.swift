// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "serviceplan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "serviceplan", targets: ["serviceplan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        // Pure value types and rules: Foundation only, no I/O.
        .target(name: "ServicePlanDomain"),
        // One-sheet .xlsx workbooks written and read (return sheets): ZIPFoundation and XMLCoder
        // behind a small API, nothing of serviceplan's in it.
        .target(
            name: "Spreadsheet",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),
        // Storage (SQLKit over SQLite or PostgreSQL) and the plan file format.
        .target(
            name: "ServicePlanStore",
            dependencies: [
                "ServicePlanDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/plans")]
        ),
        // The Quarterly Service Plan Monitoring Report: its model, HTML (templates and the
        // document stylesheet), CSV, SVG charts and PDF. No HTTP: the web app and the command
        // line both use it.
        .target(
            name: "ServicePlanReports",
            dependencies: [
                "ServicePlanDomain",
                "ServicePlanStore",
                "Spreadsheet",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/document.css")]
        ),
        // The HTTP application: pages, JSON API, templates.
        .target(
            name: "ServicePlanWeb",
            dependencies: [
                "ServicePlanDomain",
                "ServicePlanStore",
                "ServicePlanReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/openapi.json")]
        ),
        .executableTarget(
            name: "serviceplan",
            dependencies: [
                "ServicePlanDomain",
                "ServicePlanStore",
                "ServicePlanReports",
                "ServicePlanWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "ServicePlanDomainTests", dependencies: ["ServicePlanDomain"]),
        // Seeded generators and hostile values shared by the fuzz tests of the Store and Web targets.
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
        .testTarget(name: "ServicePlanStoreTests", dependencies: [
            "ServicePlanStore", "ServicePlanDomain", "FuzzSupport", .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["Fixtures"]),  // read from disk by UpgradeTests, not bundled
        // Headless LibreOffice for the spreadsheet tests (scripts/test installs it).
        .target(name: "OfficeSupport", path: "Tests/OfficeSupport"),
        .testTarget(name: "SpreadsheetTests", dependencies: [
            "Spreadsheet", "OfficeSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "ServicePlanReportsTests", dependencies: [
            "ServicePlanReports", "ServicePlanStore", "ServicePlanDomain", "Spreadsheet", "OfficeSupport",
        ]),
        .testTarget(
            name: "ServicePlanWebTests",
            dependencies: [
                "ServicePlanWeb", "ServicePlanReports", "ServicePlanStore", "ServicePlanDomain", "FuzzSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "serviceplanTests", dependencies: ["serviceplan"]),
    ]
)
