#!/usr/bin/env python3
"""Remote sites (fedpilot-agent over loopback TLS) vs simulated sites (LocalSite): round time, bytes, memory.

    python3 tests/bench/bench_remote.py --cli build/bin/fedpilot-cli [--agent build/bin/fedpilot-agent]
        [--shared ../shared] [--pairs 3] [--rounds 3] [--strategies fedhds,fedit] [--threads 0]
        [--workdir DIR] [--json FILE] [--no-relay]

The trial is the demo's (resources/demo/ni-two-sites.json: two sites, NI-v1 tasks, stories260K) with --rounds
and --strategies applied. It runs INTERLEAVED: local, remote, local, remote, ... (--pairs pairs), each run in a
fresh workspace. A local run simulates both sites in the console (LocalSite); a remote run starts one
fedpilot-agent per site on 127.0.0.1:0 with TLS and a bearer token (made by `fedpilot-cli tls DIR`), serving a
site file with the same data, cap, held-out tasks and seed, and names the agents in the trial (sites[].agent).
Fresh agents for every remote run, so that their counters and peak memory are that run's.

Reported:
  - round wall time: the `seconds` column of `runs export --csv -` (one row per strategy and round), mean per
    round per configuration, and the ratio remote / local (target: under 1.10), per pair and overall;
  - bytes: what the run accounted (`runs export --clients`: bytes_down console->site, bytes_up site->console),
    the agents' payload and frame bytes (their --stats-file JSON lines: payload_in/out, frames_in/out per
    Prepare/Train/Evaluate call), and the bytes on the socket, counted by a loopback relay in front of each
    agent (TLS records with HTTP/2 and gRPC framing inside, Handshake/Inventory included; --no-relay connects
    directly). Also the agents' /proc/PID/io rchar/wchar deltas from just after `listening on` to just before
    SIGTERM, less their own stats/stdout/stderr writes: Linux does not count sendmsg/recvmsg there, which is
    what gRPC uses, so these stay near zero and are shown only to say so. No --audit-dir: no message files;
  - CPU seconds per run (console from wait4, agents from /proc/PID/stat), less sensitive to other load than
    wall time on a shared machine;
  - peak RSS: each agent's VmHWM (/proc/PID/status before stopping it) and the console's, from the
    `peak memory N MB` line that `fedpilot-cli run` prints.
A report: exit 0 whatever the figures; 1 when a run or an agent fails; 77 (skipped) without the shared model.
"""

import argparse
import csv
import io
import json
import os
import pathlib
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
DEMO_TRIAL = REPO / "resources" / "demo" / "ni-two-sites.json"


# ----------------------------------------------------------------------------------------------------- trials --

def demo_trial(shared, args):
    text = DEMO_TRIAL.read_text().replace("${FP_SHARED_DIR}", str(shared))
    trial = json.loads(text)
    trial["name"] = f"bench remote vs local ({trial['name']})"
    trial["strategies"] = args.strategies.split(",")
    trial["schedule"]["rounds"] = args.rounds
    return trial


def site_file_for(trial, site):
    """The site file that makes an agent serve the same clients as the simulated `site` of `trial`."""
    model = {"path": trial["model"]["path"]}
    if trial["model"].get("tokenizer"):
        model["tokenizer"] = trial["model"]["tokenizer"]
    out = {"name": site["name"], "model": model, "data": site["data"], "held_out_tasks": trial.get("evaluation", {}).get("held_out_tasks", []),
           "seed": trial["schedule"].get("seed", 0)}
    for key in ("partition", "max_samples_per_client"):
        if key in site:
            out[key] = site[key]
    return out


def remote_trial(trial, endpoints, certs):
    """`trial` with every site replaced by its agent (no data/partition/cap there; cost kept)."""
    remote = json.loads(json.dumps(trial))
    remote["sites"] = []
    for site in trial["sites"]:
        entry = {"name": site["name"],
                 "agent": {"address": endpoints[site["name"]], "ca": str(certs / "ca.pem"),
                           "token_file": str(certs / "token")}}
        if "cost" in site:
            entry["cost"] = site["cost"]
        remote["sites"].append(entry)
    return remote


# ----------------------------------------------------------------------------------------------------- agents --

def proc_io(pid):
    fields = {}
    for line in pathlib.Path(f"/proc/{pid}/io").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = int(value)
    return fields


def proc_status_kb(pid, key):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def file_size(path):
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


class Agent:
    """One fedpilot-agent process serving a site file over TLS on a free loopback port."""

    def __init__(self, exe, site, site_file, certs, folder, threads):
        self.site = site
        self.stdout_path = folder / f"agent-{site}.out"
        self.stderr_path = folder / f"agent-{site}.err"
        self.stats_path = folder / f"agent-{site}.stats.jsonl"
        cmd = [exe, "--listen", "127.0.0.1:0", "--site", str(site_file), "--tls-cert", str(certs / "server.pem"),
               "--tls-key", str(certs / "server.key"), "--token-file", str(certs / "token"),
               "--stats-file", str(self.stats_path)]
        if threads:
            cmd += ["--threads", str(threads)]
        self.command = cmd
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        self.address = self._wait_listening(60.0)
        # Right after `listening on`: nothing has connected yet, so what follows is the run's traffic.
        self.io_start = proc_io(self.proc.pid)
        self.written_start = self._own_writes()
        self.io_end = None
        self.written_end = None
        self.peak_kb = None
        self.cpu_seconds = None

    def _wait_listening(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(r"listening on (\S+)", self.stdout_path.read_text(errors="replace"))
            if match:
                return match.group(1)
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"fedpilot-agent for {self.site} did not listen (exit {self.proc.returncode}):\n"
                           + self.stderr_path.read_text(errors="replace"))

    def _own_writes(self):
        """Bytes the agent wrote to files it was given (stats, stdout, stderr): not socket traffic."""
        return sum(file_size(p) for p in (self.stats_path, self.stdout_path, self.stderr_path))

    def finish(self):
        """Counters and peak memory, then SIGTERM. Returns the exit status."""
        if self.proc.poll() is None:
            self.io_end = proc_io(self.proc.pid)
            self.written_end = self._own_writes()
            self.peak_kb = proc_status_kb(self.proc.pid, "VmHWM")
            fields = pathlib.Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            self.cpu_seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return self.stop()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def socket_bytes(self):
        """(read, written) through syscalls after start-up, less the agent's own stats/stdout/stderr writes."""
        if self.io_end is None:
            return None, None
        read = self.io_end["rchar"] - self.io_start["rchar"]
        written = self.io_end["wchar"] - self.io_start["wchar"] - (self.written_end - self.written_start)
        return read, written

    def stats(self):
        calls = []
        if self.stats_path.exists():
            for line in self.stats_path.read_text().splitlines():
                if line.strip():
                    calls.append(json.loads(line))
        return calls

class CountingRelay:
    """A loopback TCP relay in front of one agent that counts the bytes each way: the socket traffic.

    /proc/PID/io rchar/wchar do not count sendmsg/recvmsg, which is what gRPC uses for TCP, so they cannot
    measure it; the relay sees exactly the TCP payload (TLS records with HTTP/2 and gRPC framing inside)."""

    def __init__(self, target):
        host, _, port = target.rpartition(":")
        self.target = (host, int(port))
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.address = f"127.0.0.1:{self.listener.getsockname()[1]}"
        self.to_agent = 0
        self.from_agent = 0
        self.connections = 0
        self.lock = threading.Lock()
        self.threads = []
        self.accepter = threading.Thread(target=self._accept, daemon=True)
        self.accepter.start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self.lock:
                self.connections += 1
            for src, dst, field in ((client, upstream, "to_agent"), (upstream, client, "from_agent")):
                t = threading.Thread(target=self._pump, args=(src, dst, field), daemon=True)
                t.start()
                self.threads.append(t)

    def _pump(self, src, dst, field):
        try:
            while True:
                data = src.recv(1 << 16)
                if not data:
                    break
                dst.sendall(data)
                with self.lock:
                    setattr(self, field, getattr(self, field) + len(data))
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def close(self, timeout=10.0):
        self.listener.close()
        deadline = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0.0, deadline - time.monotonic()))
        return self.to_agent, self.from_agent


# ------------------------------------------------------------------------------------------------------- runs --

def export(cli, workspace, clients):
    cmd = [cli, "runs", "export", "--csv", "-", "--workspace", str(workspace)] + (["--clients"] if clients else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def run_trial(args, trial, workspace):
    trial_path = workspace / "trial.json"
    trial_path.write_text(json.dumps(trial, indent=2))
    cmd = [args.cli, "run", str(trial_path), "--workspace", str(workspace / "ws")]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    start = time.monotonic()
    with open(workspace / "cli.out", "wb") as out, open(workspace / "cli.err", "wb") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, wait_status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(wait_status)
    wall = time.monotonic() - start
    stdout = (workspace / "cli.out").read_text(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"fedpilot-cli run exited {proc.returncode} ({workspace}):\n{stdout}\n"
                           + (workspace / "cli.err").read_text(errors="replace"))
    peak = re.search(r"peak memory ([0-9.]+) MB", stdout)
    rounds = export(args.cli, workspace / "ws", False)
    clients = export(args.cli, workspace / "ws", True)
    seconds = [float(r["seconds"]) for r in rounds if r["seconds"]]
    # "trained" or "skipped: ..." are a client's own outcome; these are the federation's failures.
    failed = [r for r in clients if (r.get("status") or "").startswith(("failed", "dropped", "update rejected"))]
    return {
        "wall_seconds": wall,
        "rounds": len(seconds),
        "round_seconds": seconds,
        "mean_round_seconds": statistics.fmean(seconds) if seconds else float("nan"),
        "bytes_down": sum(int(r["bytes_down"] or 0) for r in clients),
        "bytes_up": sum(int(r["bytes_up"] or 0) for r in clients),
        "client_rounds": len(clients),
        "failed_client_rounds": len(failed),
        "rouge_l": [r["rouge_l"] for r in rounds],
        "console_peak_mb": float(peak.group(1)) if peak else None,
        "console_cpu_seconds": usage.ru_utime + usage.ru_stime,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "loadavg_after": os.getloadavg()[0],
    }


def run_local(args, trial, folder):
    folder.mkdir(parents=True)
    result = run_trial(args, trial, folder)
    result["config"] = "local"
    return result


def run_remote(args, trial, folder, certs):
    folder.mkdir(parents=True)
    agents = []
    relays = {}
    try:
        for site in trial["sites"]:
            site_path = folder / f"site-{site['name']}.json"
            site_path.write_text(json.dumps(site_file_for(trial, site), indent=2))
            agents.append(Agent(args.agent, site["name"], site_path, certs, folder, args.threads))
            if not args.no_relay:
                relays[site["name"]] = CountingRelay(agents[-1].address)
        endpoints = {a.site: relays[a.site].address if relays else a.address for a in agents}
        result = run_trial(args, remote_trial(trial, endpoints, certs), folder)
    finally:
        codes = [a.finish() for a in agents]
        relayed = {name: relay.close() for name, relay in relays.items()}
    # 0: a clean shutdown; -SIGTERM: the default action ended it (a thread that does not block SIGTERM took it).
    if any(code not in (0, -signal.SIGTERM) for code in codes):
        raise RuntimeError(f"an agent exited {codes} ({folder})")
    result["config"] = "remote"
    result["agent_exits"] = codes
    result["cpu_seconds"] += sum(a.cpu_seconds or 0 for a in agents)
    result["agents"] = {}
    for a in agents:
        calls = a.stats()
        read, written = a.socket_bytes()
        by_call = {}
        for c in calls:
            entry = by_call.setdefault(c["call"], {"calls": 0, "payload_in": 0, "payload_out": 0,
                                                    "frames_in": 0, "frames_out": 0})
            entry["calls"] += 1
            for key in ("payload_in", "payload_out", "frames_in", "frames_out"):
                entry[key] += int(c[key])
        result["agents"][a.site] = {
            "peak_rss_mb": a.peak_kb / 1024.0 if a.peak_kb is not None else None,
            "cpu_seconds": a.cpu_seconds,
            "failed_calls": sum(1 for c in calls if not c.get("ok", True)),
            "by_call": by_call,
            "rchar_delta": read,
            "wchar_delta": written,
            "socket_read": relayed[a.site][0] if relays else None,
            "socket_written": relayed[a.site][1] if relays else None,
            "connections": relays[a.site].connections if relays else None,
        }
    return result


# ---------------------------------------------------------------------------------------------------- reports --

def fmt_bytes(n):
    if n is None:
        return "n/a"
    return f"{n:,}"


def agent_totals(result, calls=None):
    """Sums of the agents' stats (optionally only some call kinds) and socket counters for one remote run."""
    total = {"payload_in": 0, "payload_out": 0, "frames_in": 0, "frames_out": 0, "calls": 0,
             }
    for agent in result["agents"].values():
        for call, entry in agent["by_call"].items():
            if calls is None or call in calls:
                for key in ("payload_in", "payload_out", "frames_in", "frames_out", "calls"):
                    total[key] += entry[key]
        for key in ("socket_read", "socket_written", "rchar_delta", "wchar_delta"):
            total[key] = total.get(key, 0) + (agent[key] or 0)
    return total


def ratio(a, b):
    return a / b if b else float("nan")


def report(args, results, command):
    print()
    print(f"command: {command}")
    print(f"trial:   {DEMO_TRIAL.relative_to(REPO)} with rounds={args.rounds}, strategies={args.strategies}, "
          f"threads={args.threads or 'auto'}; {args.pairs} interleaved pair(s), local first")
    print()
    print("Round wall time (runs export --csv: `seconds` per strategy-round; `rounds` counts strategy-rounds), CPU "
          "seconds, 1-min load average after the run, peak RSS")
    header = (f"{'pair':>4} {'config':<7} {'rounds':>6} {'mean s/round':>12} {'run wall s':>10} "
              f"{'CPU s':>6} {'load':>5} {'console MB':>10} {'agents MB (per site)':<28} {'accounted B':>12} {'failed':>6}")
    print(header)
    print("-" * len(header))
    for i, r in enumerate(results):
        agents = "-"
        if r["config"] == "remote":
            agents = ", ".join(f"{name} {a['peak_rss_mb']:.1f}" if a["peak_rss_mb"] is not None else f"{name} n/a"
                               for name, a in r["agents"].items())
        console = f"{r['console_peak_mb']:.0f}" if r["console_peak_mb"] is not None else "n/a"
        print(f"{i // 2 + 1:>4} {r['config']:<7} {r['rounds']:>6} {r['mean_round_seconds']:>12.3f} "
              f"{r['wall_seconds']:>10.1f} {r['cpu_seconds']:>6.1f} {r['loadavg_after']:>5.1f} {console:>10} {agents:<28} {r['bytes_down'] + r['bytes_up']:>12,} "
              f"{r['failed_client_rounds']:>6}")
    local = [r for r in results if r["config"] == "local"]
    remote = [r for r in results if r["config"] == "remote"]
    pairs = list(zip(local, remote))
    print()
    per_pair = [ratio(rm["mean_round_seconds"], lo["mean_round_seconds"]) for lo, rm in pairs]
    local_mean = statistics.fmean(s for r in local for s in r["round_seconds"])
    remote_mean = statistics.fmean(s for r in remote for s in r["round_seconds"])
    overall = ratio(remote_mean, local_mean)
    print(f"mean round: local {local_mean:.3f} s, remote {remote_mean:.3f} s; remote/local {overall:.3f} "
          f"({100 * (overall - 1):+.1f}%; target under +10%: {'met' if overall < 1.10 else 'NOT met'})")
    print("per pair remote/local: " + ", ".join(f"{x:.3f}" for x in per_pair)
          + (f" (median {statistics.median(per_pair):.3f})" if per_pair else ""))
    local_cpu = statistics.fmean(r["cpu_seconds"] for r in local)
    remote_cpu = statistics.fmean(r["cpu_seconds"] for r in remote)
    print(f"CPU per run (user+sys of whole processes, start-up included; console + agents): local {local_cpu:.1f} s, remote {remote_cpu:.1f} s; "
          f"remote/local {ratio(remote_cpu, local_cpu):.3f} (less sensitive than wall time to other load)")
    same = all((lo["bytes_down"], lo["bytes_up"]) == (rm["bytes_down"], rm["bytes_up"]) for lo, rm in pairs)
    same_rouge = all(lo["rouge_l"] == rm["rouge_l"] for lo, rm in pairs)
    print(f"accounted bytes local == remote in every pair: {'yes' if same else 'NO'}; "
          f"Rouge-L per round identical: {'yes' if same_rouge else 'NO'}")

    print()
    print("Bytes per remote run (mean over remote runs; in = console->agent, out = agent->console)")
    rows = []
    mean = lambda values: statistics.fmean(values) if values else 0.0
    site_calls = {"prepare", "train"}
    acc_in, acc_out = mean([r["bytes_down"] for r in remote]), mean([r["bytes_up"] for r in remote])
    rows.append(("accounted: runs export --clients (bytes_down/up)", acc_in, acc_out))
    pt = [agent_totals(r, site_calls) for r in remote]
    rows.append(("agent payload, prepare+train (--stats-file)", mean([t["payload_in"] for t in pt]),
                 mean([t["payload_out"] for t in pt])))
    allc = [agent_totals(r) for r in remote]
    rows.append(("agent payload, all calls (+evaluate)", mean([t["payload_in"] for t in allc]),
                 mean([t["payload_out"] for t in allc])))
    rows.append(("agent frame bytes, all calls (header+chunk Frames)", mean([t["frames_in"] for t in allc]),
                 mean([t["frames_out"] for t in allc])))
    if not args.no_relay:
        rows.append(("socket: TCP bytes through the counting relay", mean([t["socket_read"] for t in allc]),
                     mean([t["socket_written"] for t in allc])))
    rows.append(("agent /proc/PID/io rchar/wchar deltas (see note)", mean([t["rchar_delta"] for t in allc]),
                 mean([t["wchar_delta"] for t in allc])))
    print(f"{'':<50} {'in':>14} {'out':>14} {'total':>14}")
    for name, a, b in rows:
        print(f"{name:<50} {a:>14,.0f} {b:>14,.0f} {a + b:>14,.0f}")
    pay_in, pay_out = mean([t["payload_in"] for t in allc]), mean([t["payload_out"] for t in allc])
    sock_in, sock_out = mean([t["socket_read"] for t in allc]), mean([t["socket_written"] for t in allc])
    if not args.no_relay:
        print(f"{'socket / payload (all calls)':<50} {ratio(sock_in, pay_in):>14.4f} {ratio(sock_out, pay_out):>14.4f} "
          f"{ratio(sock_in + sock_out, pay_in + pay_out):>14.4f}")
        print(f"{'socket - payload (all calls), bytes':<50} {sock_in - pay_in:>14,.0f} {sock_out - pay_out:>14,.0f} "
              f"{sock_in + sock_out - pay_in - pay_out:>14,.0f}")
    print(f"{'accounted / payload (prepare+train)':<50} "
          f"{ratio(acc_in, mean([t['payload_in'] for t in pt])):>14.4f} "
          f"{ratio(acc_out, mean([t['payload_out'] for t in pt])):>14.4f} "
          f"{ratio(acc_in + acc_out, mean([t['payload_in'] + t['payload_out'] for t in pt])):>14.4f}")
    if remote:
        calls = {}
        for r in remote:
            for agent in r["agents"].values():
                for call, entry in agent["by_call"].items():
                    calls[call] = calls.get(call, 0) + entry["calls"]
        print("calls per remote run: " + ", ".join(f"{k} {v / len(remote):.0f}" for k, v in sorted(calls.items())))
    exits = sorted({c for r in remote for c in r["agent_exits"]})
    if any(c != 0 for c in exits):
        print(f"agents' exit status on SIGTERM: {exits} (negative: killed by the signal's default action, not the "
              "agent's graceful shutdown)")
    print("note: socket = TCP payload between console and agent, counted by a loopback relay the console connects")
    print("      through (one extra loopback hop each way; --no-relay to time without it): TLS records, HTTP/2 and")
    print("      gRPC framing, Frame headers, Handshake/Inventory/health calls included. rchar/wchar = bytes the agent")
    print("      read/wrote through syscalls between its `listening on` line and SIGTERM, less its own stats-file,")
    print("      stdout and stderr writes (no --audit-dir): Linux does not count sendmsg/recvmsg (gRPC's socket I/O)")
    print("      there, so they stay near zero (eventfd wake-ups) and do not measure the socket.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--agent", help="fedpilot-agent (default: beside --cli)")
    parser.add_argument("--shared", default=os.environ.get("FP_SHARED_DIR", str(REPO.parent / "shared")))
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--strategies", default="fedhds,fedit", help="fedhds,fedit (the demo's) or fedhds")
    parser.add_argument("--threads", type=int, default=0, help="console and agents; 0: their automatic rule")
    parser.add_argument("--workdir", help="keep trials, workspaces and agent logs here (default: a temp folder)")
    parser.add_argument("--no-relay", action="store_true",
                        help="console connects to the agents directly (no socket byte counts)")
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()
    command = shlex.join(["python3"] + sys.argv)
    args.cli = str(pathlib.Path(args.cli).resolve())
    args.agent = str(pathlib.Path(args.agent).resolve() if args.agent
                     else pathlib.Path(args.cli).parent / "fedpilot-agent")
    shared = pathlib.Path(args.shared).resolve()
    if not (shared / "models" / "stories260K" / "stories260K.bin").exists():
        print(f"bench_remote: no stories260K under {shared}; skipped")
        return 77
    for exe in (args.cli, args.agent):
        if not os.access(exe, os.X_OK):
            print(f"bench_remote: {exe} is not an executable")
            return 1
    work = pathlib.Path(args.workdir or tempfile.mkdtemp(prefix="fp-bench-remote-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    certs = work / "certs"
    subprocess.run([args.cli, "tls", str(certs)], check=True, stdout=subprocess.DEVNULL)
    trial = demo_trial(shared, args)
    print(f"bench_remote: work folder {work}")
    results = []
    try:
        for pair in range(1, args.pairs + 1):
            for config in ("local", "remote"):
                folder = work / f"pair{pair}-{config}"
                r = (run_local(args, trial, folder) if config == "local"
                     else run_remote(args, trial, folder, certs))
                print(f"  pair {pair} {config:<6}: {r['rounds']} strategy-rounds, mean {r['mean_round_seconds']:.3f} "
                      f"s/round, run {r['wall_seconds']:.1f} s", flush=True)
                results.append(r)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"bench_remote: {error}")
        return 1
    report(args, results, command)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"command": command, "runs": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
