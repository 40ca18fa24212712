from rolebook.cli import main

main()
