from aims_lint.cli import main

main()
