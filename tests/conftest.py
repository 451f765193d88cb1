def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite expected outputs from the current results")
