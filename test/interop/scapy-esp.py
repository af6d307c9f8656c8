"""scapy's IPsec layer (Debian package python3-scapy) as an independent ESP implementation.

Not named scapy.py: Python puts the script's folder first on sys.path, so that name would shadow
the scapy package itself.

Run with /usr/bin/python3 (Debian's scapy is installed for the system Python). Reads one JSON
request on stdin and writes one JSON answer on stdout; test/interop/scapy.ts drives it.

Request:  {"jobs": [job, ...]}, each job one SA and its packets, all bytes as hex:
  {"op": "protect", "sa": SA, "nat_t": bool,
   "packets": [{"packet": plaintext IP packet, "seq": n, "iv": hex or null}, ...]}
  {"op": "verify", "sa": SA, "packets": [ESP-carrying IP packet, ...]}
  SA = {"spi": n, "crypt_algo": scapy name, "crypt_key": hex, "crypt_icv_size": n or null,
        "auth_algo": scapy name or null, "auth_key": hex}
Answer:   {"scapy": version, "encryption": [names], "integrity": [names],
           "results": [[per packet, ...] per job]}
  protect gives {"ok": true, "packet": hex}; verify gives {"ok": true, "next_header": n,
  "pad_length": n, "payload": hex} or {"ok": false, "error": "integrity" | exception name,
  "detail": text}.

Two scapy 2.5.0 quirks with UDP encapsulation (RFC 3948) are worked around here, outside ESP:
SecurityAssociation.encrypt leaves the UDP length of IPv4 at 8 (it re-parses the IP header before
appending ESP), and SecurityAssociation.decrypt of IPv6 keeps the outer UDP header in the result.
So protect fixes the UDP length, and verify takes the three steps of SecurityAssociation.decrypt
(check_spi, auth_algo.verify, crypt_algo.decrypt) on the ESP layer itself, which also yields the
trailer (pad length, next header) that the reassembled packet hides.
"""

import json
import sys

import scapy
from scapy.layers.inet import IP, UDP
from scapy.layers.inet6 import IPv6
from scapy.layers.ipsec import AUTH_ALGOS, CRYPT_ALGOS, ESP, IPSecIntegrityError, SecurityAssociation
from scapy.packet import raw


def security_association(sa, nat_t=False):
    """scapy's SA; for AES-GCM the key carries its 4-byte salt at the end (RFC 4106 8.1)."""
    return SecurityAssociation(
        ESP,
        spi=sa["spi"],
        crypt_algo=sa["crypt_algo"],
        crypt_key=bytes.fromhex(sa["crypt_key"]) or None,
        crypt_icv_size=sa.get("crypt_icv_size"),
        auth_algo=sa.get("auth_algo"),
        auth_key=bytes.fromhex(sa["auth_key"]) or None,
        # RFC 3948 2.1: both ports 4500; scapy sends the UDP checksum as zero.
        nat_t_header=UDP(sport=4500, dport=4500) if nat_t else None,
    )


def ip_packet(data):
    return IPv6(data) if data[0] >> 4 == 6 else IP(data)


def protect(sa, nat_t, packets):
    association = security_association(sa, nat_t)
    out = []
    for p in packets:
        iv = bytes.fromhex(p["iv"]) if p.get("iv") is not None else None
        # seq_num=0 would fall back to the SA's counter (scapy tests `seq_num or self.seq_num`).
        esp = association.encrypt(ip_packet(bytes.fromhex(p["packet"])), seq_num=p["seq"], iv=iv)
        if nat_t:
            esp[UDP].len = 8 + len(esp[UDP].payload)
        out.append({"ok": True, "packet": raw(esp).hex()})
    return out


def verify(sa, packets):
    association = security_association(sa)
    out = []
    for hex_packet in packets:
        try:
            out.append(decrypt(association, ip_packet(bytes.fromhex(hex_packet))))
        except IPSecIntegrityError as e:
            out.append({"ok": False, "error": "integrity", "detail": str(e)})
        except Exception as e:  # a malformed packet: report it, judge the rest
            out.append({"ok": False, "error": type(e).__name__, "detail": str(e)})
    return out


def decrypt(association, packet):
    """SecurityAssociation.decrypt's ESP steps (scapy 2.5.0 _decrypt_esp), without IP reassembly."""
    if not packet.haslayer(ESP):
        raise TypeError("no ESP layer in %s" % packet.summary())
    esp = packet[ESP]
    association.check_spi(esp)
    association.auth_algo.verify(esp, association.auth_key)
    icv_size = association.crypt_icv_size or association.crypt_algo.icv_size or association.auth_algo.icv_size
    plain = association.crypt_algo.decrypt(association, esp, association.crypt_key, icv_size)
    return {"ok": True, "next_header": plain.nh, "pad_length": plain.padlen, "payload": raw(plain.data).hex()}


def run(job):
    if job["op"] == "protect":
        return protect(job["sa"], job.get("nat_t", False), job["packets"])
    if job["op"] == "verify":
        return verify(job["sa"], job["packets"])
    raise ValueError("op must be protect or verify, got %r" % job["op"])


def main():
    request = json.load(sys.stdin)
    json.dump({
        "scapy": scapy.VERSION,
        "encryption": sorted(CRYPT_ALGOS),
        "integrity": sorted(AUTH_ALGOS),
        "results": [run(job) for job in request["jobs"]],
    }, sys.stdout)


if __name__ == "__main__":
    main()
