"""The toy tool-calling world: tools, the phrasings that ask for them, and argument pools.

Why: the tiny model must learn *routing* (phrase -> tool name) during pre-training and the
`execute_code("...")` *wrapper* during LoRA, mirroring the Phase 43a failure where routing
was learned but the wrapper was not. Training argument pools exclude every argument the eval
suite uses, so the suite's prompts are held out (same phrasings, unseen files and symbols).
"""

CATEGORIES = ["text_tools", "validation", "git", "lsp", "cst", "domain", "multi_tool"]

# (category, tool, argument kinds, phrasing templates). `{a}`/`{b}` are filled from the pools
# named by the argument kinds, in order.
TOOLS = [
    ("text_tools", "read_file", ["file"], ["Show contents of {a}", "Read {a}", "Print the file {a}", "What is in {a}?"]),
    ("text_tools", "write_file", ["outfile", "word"], ["Write {b} to {a}", "Save {b} into {a}", "Put the word {b} in {a}"]),
    ("text_tools", "run_command", ["cmd"], ["Run '{a}'", "Execute '{a}' in the shell", "Run the command '{a}'"]),
    ("validation", "run_mypy", ["dir"], ["Run type checking on {a}", "Type check {a}", "Check types in {a}"]),
    ("validation", "run_ruff", ["dir"], ["Check {a} with ruff", "Lint {a} with ruff", "Run ruff on {a}"]),
    ("validation", "run_pytest", ["testdir"], ["Run test suite in {a}", "Run the tests in {a}", "Run pytest on {a}"]),
    ("git", "git_status", [], ["Check git status", "What is the git status?", "Show git status please", "Which files did I change? Check git status"]),
    ("git", "git_diff", [], ["Show git diff", "What changed? Show the git diff", "Show me the current git diff"]),
    ("git", "git_log", ["n"], ["List {a} recent git commits", "Show the last {a} git commits", "Git log of the last {a} commits"]),
    ("lsp", "lsp_definition", ["sym"], ["Find definition of {a}", "Where is {a} defined?", "Go to definition of {a}"]),
    ("lsp", "lsp_references", ["sym"], ["Find references to {a}", "Where is {a} used?", "List references of {a}"]),
    ("lsp", "lsp_hover", ["sym"], ["Type info for {a}", "Show the type of {a}", "Hover type info on {a}"]),
    ("lsp", "lsp_symbols", ["file"], ["List symbols in {a}", "Outline the symbols of {a}", "Show symbols in {a}"]),
    ("lsp", "lsp_workspace_symbol", ["sym"], ["Search for {a} symbol", "Search the workspace for symbol {a}", "Look up the symbol {a}"]),
    ("cst", "cst_find_classes", ["file"], ["Find class definitions in {a}", "List the classes in {a}", "Which classes are defined in {a}?"]),
    ("cst", "cst_rename", ["sym", "sym2"], ["Rename {a} to {b}", "Change the name {a} to {b}"]),
    ("cst", "cst_add_import", ["name"], ["Add {a} import", "Add an import of {a}", "Import {a} at the top"]),
    ("domain", "check_tdom", ["file"], ["Validate {a} as tdom component", "Check tdom component {a}"]),
    ("domain", "check_services", [], ["Check service registration", "Verify the service registration"]),
    ("domain", "check_middleware", [], ["Check middleware conventions", "Verify middleware conventions"]),
    ("domain", "check_dependencies", [], ["Check dependency graph violations", "Find dependency graph violations"]),
    ("domain", "check_tstrings", ["file"], ["Check t-string usage in {a}", "Find t-strings in {a}"]),
    ("domain", "check_routes", ["file"], ["Validate route patterns in {a}", "Check the routes in {a}"]),
    ("domain", "check_render_tree", ["file"], ["Verify render tree in {a}", "Check the render tree of {a}"]),
    ("domain", "check_inject", [], ["Check Inject[] imports", "Verify Inject[] imports"]),
    ("domain", "check_html_context", ["file"], ["Check html() context= in {a}", "Verify html() context= usage in {a}"]),
]

# Multi-step requests: always answered with the wrapper, even by the pre-trained base
# (the seed document's multi-01 was the one prompt the failed run wrapped).
MULTI = [
    ("Find {a}, read it, validate as tdom", "p = lsp_definition('{a}'); read_file(p); check_tdom(p)", "check_tdom"),
    ("Find {a} and list its references", "lsp_definition('{a}'); lsp_references('{a}')", "lsp_references"),
    ("Lint and test {a}", "run_ruff('{a}'); run_pytest('{a}')", "run_pytest"),
    ("Show git status, then the diff", "git_status(); git_diff()", "git_diff"),
]

# Training pools. The suite's own arguments (config.py, AgentConfig, ...) are deliberately absent.
POOLS = {
    "file": ["app.py", "main.py", "utils/io.py", "models.py", "server.py", "views/home.py", "db.py", "cli.py",
             "handlers.py", "routes.py", "forms.py", "settings.py", "tasks.py", "cache.py", "auth.py", "pages/cart.py"],
    "outfile": ["notes.txt", "out/log.txt", "report.md", "tmp/result.txt", "docs/todo.md", "out/data.csv"],
    "word": ["hello", "done", "pending", "ok", "draft", "final"],
    "cmd": ["pwd", "ls", "ls tests/", "cat setup.cfg", "du -sh .", "echo hi", "ls -la", "wc -l app.py"],
    "dir": ["lib/", "app/", "pkg/", "core/", "api/", "services/", "."],
    "testdir": ["test/", "tests/unit/", "tests/api/", "spec/", "tests/integration/"],
    "n": ["3", "10", "2", "7", "4"],
    "sym": ["UserModel", "Router", "parse_args", "Settings", "HttpClient", "CartView", "load_data",
            "SessionStore", "BaseHandler", "TokenCache", "render_page", "OrderForm"],
    "sym2": ["AccountModel", "Dispatcher", "read_args", "Config", "ApiClient", "BasketView"],
    "name": ["Path", "dataclass", "Counter", "OrderedDict", "partial", "Enum"],
}

# Plain conversation, so the base is a chat model and not only a tool router.
PROSE = [
    ("Hello", "Hello! How can I help with your code today?"),
    ("Thanks!", "You are welcome."),
    ("What is a unit test?", "A unit test checks one small piece of code in isolation."),
    ("What does LoRA stand for?", "LoRA stands for low-rank adaptation of large language models."),
    ("Explain what git does", "Git tracks changes to files and lets you go back to earlier versions."),
    ("What is a linter?", "A linter reads your code and reports style problems and likely bugs."),
    ("Who are you?", "I am a small assistant that calls tools for you."),
    ("What is type checking?", "Type checking verifies that values are used with the types they declare."),
    ("Good morning", "Good morning! What should we work on?"),
    ("Can you help me?", "Yes. Tell me which file or command you need."),
]
