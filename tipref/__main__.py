from tipref.cli import main

main()
