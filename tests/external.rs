//! `loa check --external` against a small HTTP server on 127.0.0.1: broken links are
//! reported where they are written, slow ones time out, the run has a time limit.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

use crate::support::Fixture;

/// Serves `/ok` (200), `/gone` (404), `/get-only` (405 to HEAD, 200 to GET) and `/slow`
/// (answers after 3 s); returns the base URL.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let (method, path) = request.split_once(' ').unwrap_or(("", ""));
                let path = path.split(' ').next().unwrap_or("");
                let status = match (method, path) {
                    (_, "/ok") | ("GET", "/get-only") => "200 OK",
                    ("HEAD", "/get-only") => "405 Method Not Allowed",
                    (_, "/slow") => {
                        std::thread::sleep(Duration::from_secs(3));
                        "200 OK"
                    }
                    _ => "404 Not Found",
                };
                let mut stream = &stream;
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            });
        }
    });
    base
}

fn site(base: &str, extra_config: &str) -> Fixture {
    let fx = Fixture::copy("good");
    fx.write(
        "config.yaml",
        format!("title: \"Trang tốt\"\nbase_url: \"https://loa.example/\"\nlink_checker:\n  timeout: 1\n{extra_config}"),
    );
    fx.write(
        "content/tin-tuc/bai-hai.md",
        format!(
            "---\ntitle: \"Bài hai\"\n---\n[a]({base}/ok) [b]({base}/gone)\n\n[c]({base}/get-only#muc) [d]({base}/slow)\n\nLại [b]({base}/gone).\n"
        ),
    );
    fx
}

#[test]
fn external_links_are_checked_with_a_clear_report() {
    let base = server();
    let fx = site(&base, "");
    fx.run(fx.cmd_check(&["--external"]), 0)
        .assert_stderr_contains(&format!(
            "content/tin-tuc/bai-hai.md:4: warning: web link `{base}/gone` answered with status 404; check the address"
        ))
        .assert_stderr_contains(&format!(
            "content/tin-tuc/bai-hai.md:8: warning: web link `{base}/gone` answered with status 404"
        ))
        .assert_stderr_contains(&format!(
            "content/tin-tuc/bai-hai.md:6: warning: web link `{base}/slow` did not answer within 1 s"
        ))
        .assert_stderr_lacks(&format!("`{base}/ok`"))
        .assert_stderr_lacks(&format!("`{base}/get-only"))
        .assert_stdout_contains("Checked 4 web links: 2 broken, 0 not reached in time");
    // With --strict, broken web links fail the check.
    fx.run(fx.cmd_check(&["--external", "--strict"]), 1);
}

#[test]
fn links_past_the_time_limit_are_reported_unchecked() {
    let base = server();
    let fx = site(&base, "  time_limit: 0\n  skip_prefixes: [\"http://skipped.example\"]\n");
    fx.run(fx.cmd_check(&["--external"]), 0)
        .assert_stderr_contains(&format!(
            "content/tin-tuc/bai-hai.md:4: note: `{base}/ok` not checked: the time limit of 0 s was reached (`link_checker.time_limit`)"
        ))
        .assert_stdout_contains("Checked 4 web links: 0 broken, 4 not reached in time");
}

#[test]
fn check_without_external_asks_no_server() {
    let base = server();
    let fx = site(&base, "");
    fx.run(fx.cmd_check(&[]), 0).assert_stderr_lacks("web link").assert_stdout_contains("0 errors");
}
