from anett.cli import main

main()
