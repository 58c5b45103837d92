from binascii import unhexlify

from django_otp.oath import TOTP

from demo import seeding as demo


def code_for(hex_key: str, offset_steps: int = 0) -> str:
    totp = TOTP(unhexlify(hex_key.encode()))
    totp.time = totp.time + offset_steps * 30
    return f"{totp.token():06d}"


def sign_in(client, username: str, password: str = demo.DEMO_PASSWORD, path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password})
