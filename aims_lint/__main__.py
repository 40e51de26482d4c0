from aims_lint.resident import run

run()
