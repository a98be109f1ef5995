"""``python -m storylens``: the ``storylens`` command without the installed script."""

from storylens.cli.main import main

if __name__ == "__main__":
    main()
