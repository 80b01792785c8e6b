"""Run pip-audit: fail on a known vulnerability, and say so when it cannot look."""

import subprocess
import sys

result = subprocess.run(
    [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--skip-editable"],
    capture_output=True,
    text=True,
)
output = result.stdout + result.stderr
unaudited = output.count("could not be audited")
if result.returncode != 0 and "Found" in output:
    print(output)
    sys.exit(1)
if result.returncode != 0:
    print(f"pip-audit could not run here:\n{output[-2000:]}")
elif unaudited:
    print(
        f"pip-audit: no known vulnerability; {unaudited} packages could not be looked up "
        "(the vulnerability service is out of reach from this machine)."
    )
else:
    print("pip-audit: no known vulnerability in any installed package.")
