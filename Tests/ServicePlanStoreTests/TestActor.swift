import ServicePlanStore

enum TestActor {
    static let tests = Actor(name: "tests", via: .cli)
}
