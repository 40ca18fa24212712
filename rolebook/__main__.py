from rolebook.cli import run

run()
