"""Pictures the page shows for photo addresses: a colour swatch drawn from the address itself.

Telegram's servers fetch a link preview's photo or a result's thumbnail and hand clients a copy;
the emulator stands in for that without fetching anything, so a page or test never reaches
outside the machine. The same address always gives the same swatch, different ones differ.
"""

from __future__ import annotations

import colorsys
import hashlib

from aiohttp import web

from emulator._content import is_web_url

_SIZE = 320


def swatch_svg(address: str) -> str:
    """An SVG picture of two soft colours picked by the address's hash; no text of it inside."""
    digest = hashlib.blake2s(address.encode(), digest_size=8).digest()
    top = _colour(digest[0] / 255, 0.35 + digest[1] / 1020, 0.82)
    bottom = _colour((digest[0] / 255 + 0.08 + digest[2] / 2550) % 1.0, 0.45, 0.62)
    bottle_x = 110 + digest[3] % 60
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_SIZE}" height="{_SIZE}" '
        f'viewBox="0 0 {_SIZE} {_SIZE}">'
        '<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{top}"/><stop offset="1" stop-color="{bottom}"/>'
        '</linearGradient></defs>'
        f'<rect width="{_SIZE}" height="{_SIZE}" fill="url(#g)"/>'
        f'<rect x="{bottle_x}" y="90" width="100" height="170" rx="22" fill="#ffffff" '
        'fill-opacity="0.55"/>'
        f'<rect x="{bottle_x + 30}" y="60" width="40" height="34" rx="6" fill="#ffffff" '
        'fill-opacity="0.8"/></svg>')


def _colour(hue: float, saturation: float, lightness: float) -> str:
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


async def serve_swatch(request: web.Request) -> web.Response:
    """`GET /_emu/media?url=<photo address>`: the address's swatch, for http(s) addresses only."""
    address = request.query.get("url", "")
    if not is_web_url(address):
        raise web.HTTPBadRequest(text="url must be an http(s) address")
    return web.Response(text=swatch_svg(address), content_type="image/svg+xml",
                        headers={"Cache-Control": "max-age=3600",
                                 "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})
