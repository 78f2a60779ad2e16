"""A deliberately injectable HTTP endpoint on loopback, for `make audit`'s self-test: it proves that
the audit's sqlmap settings and its reading of sqlmap's output do find an injection when there is
one. GET /item?id=N builds its SQL by string concatenation (never do this)."""
import http.server
import json
import sqlite3
import sys
import urllib.parse

db = sqlite3.connect(":memory:", check_same_thread=False)
db.executescript("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);"
                 "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three');")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        item_id = urllib.parse.parse_qs(url.query).get("id", ["1"])[0]
        try:
            rows = db.execute("SELECT name FROM items WHERE id = " + item_id).fetchall()
            body, status = json.dumps({"items": [r[0] for r in rows]}), 200
        except sqlite3.Error as error:
            body, status = json.dumps({"error": str(error)}), 500
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
sys.stdout.close()
server.serve_forever()
