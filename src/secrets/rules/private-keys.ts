import type { SecretRule } from '../rule.js';

/** Built-in secret rules: private key material (PEM, OpenSSH, PGP, PuTTY, SSH2). */
export const privateKeysRules: SecretRule[] = [
  {
    id: 'pkcs8-private-key',
    title: 'PKCS#8 private key',
    severity: 'critical',
    description:
      'An unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----), RSA, EC or Ed25519. Whoever holds it can impersonate the server, user or service that owns the key pair and decrypt traffic or data encrypted for it.',
    remediation:
      'Revoke or rotate the credential immediately (treat the key pair as compromised: remove the public key from every authorized_keys file, certificate, deploy key or service that trusts it, revoke any certificate issued for it, and generate a new key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep private keys in a secret manager, HSM or SSH agent - never in the repository.',
    references: [
      'https://www.rfc-editor.org/rfc/rfc7468',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
    ],
    keywords: ['begin private key'],
    pattern:
      /(?<!"private_key"[ \t]{0,3}:[ \t]{0,3}")-----BEGIN PRIVATE KEY-----(?:\\r)?(?:\\n|\r?\n)(?=[\s\S]{0,300}?[A-Za-z0-9+/]{40})[A-Za-z0-9+/=\s\\"',:;_-]{40,16000}?-----END PRIVATE KEY-----/,
    multiline: true,
    tags: ['private-key'],
    samples: {
      positive: [
        '-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQBl8mcbyC95z6+M\nfRrWqPpVoa8f7E+F6Etlx8iZpB+1EwW7N1m2NMSDhDzHpaXUHXp9nXG4xEXiQ17o\nMJeG3wUjKAhvHiyPEW8d75lL5cwa/b5gzR6+1sXV1mrKwbEyQyy7FH4RhI4fHxkW\nH3bQePUQWxKWf/RjzPpvViPpWDOA1Ad5wu3vr5UDXTh+H3NiN9beAr5wBZI6hygp\nSuVf3xrrFl5MOf0pPK7UtP59Wqw+gR0aIMNhWtuG2BRGbPdnMSPruVmcdLe8KTDt\nrCNV5VFyeOiihDScSl+J77jI7xatSDoNrvN70MiZTStl1JyliG5GTz7/YpUDrpuZ\nOHDKqAbrQbF8cWQQLX0gPWnFXRoG6yA4+kiIux5pyO8Ve3X3uYkYLVbjeuZnwO9j\n7Xdt48l7plGtPKfKtFAw4DbJR4IIKcTJQeKe2suSyGeT4Gkl04/ysI/TBPywraUL\ncT++4DNejnHneqD2ja+LNdKF8YUVxnHJ2ZuSPLIdq+kybYDdD09MKRNDQcrJoNR6\n9Ginc8hmKvrXYlMsuCYcpTTfdWu4OZ1ZGs6v/cwi8Im7vOhYSjHNFr3M4D+aqT8N\nBrG2CxwIt3h/+b1/cQv97vmQP8TWQLdICwapd9E2MQG6do4tpG0XJHVqqP9o/266\naxHpyLMUEwSJSETSXDAxStndSroPI0vDriIkBv4Zz5dawLj16zqe5fFpf3vOMl9v\nrjX1q9bs0/+E3ZS4YIUdyOwIMZBN6OPvRLifs7gs+tM/bfpQZ1fPS9RDJiBKzeGc\nXymG7HCDQDTnHxOrnxZNEYJU0L5nXJ+fHCKxboyRBchTv/TK6B9XNWm8oicnaa9U\nQwX1ZK0TNI3TOM8mNO243NXIcSXmRyIBFa+D/R4Bsu3w0HDQfagliCH1Lh2zxY88\nusU9pCYLKDbuM4pmi5ycGpZLtyk9HSGE40Tu2oGvG8OjgxxITsMENAFhOw7UlOK/\n96MgFsliMXv+d7IQBz3Ri5Rs2oOBzV9kOZ/Ba/Gr0d0kEPAx6+e6sXW8M+zdWNsd\nh3bd0Fh4cBUdMbHxeVWjMeOWNeLMHH8I/cC3jCcjxxJY1KGqL07lYUsiohpV9/BA\n16Hn7okWB7QF4YL5/402+L2utMyiLTOlT9EZ7Lm/ZgQiJbeSjog+W4e94GOmEYLg\nHzcAEdoXKN4N85qsImTd3PdX3G49oAKXH8CK64CH+dv9InFNlF25JykcSHVkSEiL\nCNEzOgHdfm9PVEGNdeZu52TzlQFoOMVsN0o8sDf9c+evSk3QmlCApAKkUpqHVdHa\n7agRm1OD9z5J0nwaZl7H6fO+QrftXguwpRAsqMCNPj+XRbnPo+8bCJeCRcHMhD0G\n+tU6hjKZHCG34/fQyAM6uacwR/sRPHAnoiAxZYNLERAv6slkN9YlKGtQ1F3EeiB+\nlBAlkzc0Ox0jF9a3wKqiyRG/fBsaRwvhW3V+WFsfkpsFys/JnK/Wn6pPz2TB4YHX\n2pSdzYDUgzNytH9LZ+oeen0Z5vhlWRgE3RViiwIegqADdbiip4xww9oTfoYkNdHS\nPfSGd25lrqXwz948wB22mJbIabRndDXOSAU7o===\n-----END PRIVATE KEY-----',
        'PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQu+wewZ/KJOVWnY\\nSixDvD7p5S6VdUHAuuPMXpdgYKhKex/SE6G39/RbHepFciNJQOUJiXjpVlJ1QClw\\nnD8BN97os2tuZWkAVwQOHlzMf7Sn/ckkVOnX7Y+t5crF1SF9Rzfj+ep6Cc5L6PBC\\nT91pMgIyfmjYu7go4kWDLFDpE9yqjNltOCO13Crin/idjAHtiWkolskdNoqPu5AW\\nvKOnU5KipcPBKtvpgerbRupiyoWKtDCqJ9lZPoUEjnqEqpHi0Ei06M8JszVKt2Gp\\n+poOOfAuj3qoBuFEF81uLhZQsJNw17g6aHM/YryAy96Pavgzmrwt7xTHmtuS/eLd\\nbKEjoTJufZdXrawdKp9rItc9oNZLhmxKXGnD7vuUjDdNwJ+aSaKVuQRjdq88v+qV\\n/sEE7RPGYsKZ0pbHwaK+p9ZZERfknqPWp8jc4+3ls7blpkq8vB3UIJ6g6n7d3+lS\\nUPqq8i1woGEh+UnuDQ/EdDCNhpCFzQZfiRPIb3ggmrhAw+DLtQjNykThtAPYzQX1\\nWzJorT9A5bYP5Ve9yQUuBk9WVzJUKZefx2zDz7dGMGeXJmKT/tXm7bZ8mdKYcZkd\\nFFA4O0U9aR4IWDw9zxoC9kCWPeyWBm8ts3v9wuLeAFZMTh206Qed9JTVbMCAJhZR\\n4M7wUtW4FI9fzsLEB0vFLSJy/ELuZIW54duZvEtFxuZ9cLZwBK3ftqihyvjYFkqV\\nh2hPP2GTlYu1R670oWWUVR/2NXO9/kQu7HDjuqPeQJKuu5mJH+tc4dcOhXoDyY1j\\npK0Y6JpruRlUUgmVPE1XUoi3DPPBYdaTDcAXan4oyxOCud0GR7aPlAAiRzc+mERw\\nhrjtH305GTH4BBc6Py2GsASbo3hhp3dnGoTvEGZCwR6luiZMUhhzFzAKby0vaeSa\\n7F6iEIKY80gZWXv1oN37vfH4q/ArBOOR+osYk11OiA+uV0Uy+iJp4ASlnQucaSQS\\nmVXRC0V95z/6+1jvxst4yZ6WYhODcwbYEZZ92MU8QU+tuBz6vdSmC0cxu8XijWtf\\n2rxFYbzDlzv5VVGAia/DknHD7YXKAGjfRQHt/A6we3S/y0eOIP63SqvpDB5BNc0g\\ncuLXzNPXZRiSgAQXzPJBmb4yqWyMvjsmcJSrOmxW02v5FqwMMLa3oaC4T4I5c/Tp\\nNxxTWLNGjZySUwKmgAjQGtyYnv/b3Gx5UpAHPzTiN2mzZrUR5qfU7dy4jWLQkb3c\\nKbf6/nh0kW1Uke4LvtUsjHahcgbwO1dXjgW0UO7Wd1MoitqGyjIa3WS3QerUrpBQ\\nM7HcsCnJQhTL/V/9T4voPet5UShMNIT6qo1+nImLRlFp0fZqo59s4DLzDpQguLmU\\nastQSNqkuGesUI5ebJrvxPgnT1fU92DIGzq/V4PYCcRHnk1asCe4ckw02d0bx3wL\\nL5+Ur4wCuXpuKovHeGUNrQfgFKTBsueUzQD+uQfYPApyzYYijKdvk/57Qpu30aY6\\nalWWukbTd2P1GR33gxo4TDrfYHDpqLibl1e4qC3CLmVqAWah5EbPZ/l7L+rcwn6Q\\nlStYy8pahSl+C/T/JP81zEdHhTOqSefIJJuN4===\\n-----END PRIVATE KEY-----\\n"',
        '  tls.key: |\n    -----BEGIN PRIVATE KEY-----\n    MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQsFewkC+I0wxeGq\n    I/TZOhpkjyD8rPj7tCp4kGO0LjVAV7D97ggHgMrJ/6suY0zX176ItkBYbcoagZJc\n    hKYDlOr3YKvDpCwev3mXtxH+B9cjQoYx5XqPb2KwqLBWfMjCE1gFX2/GZpHqZKAV\n    n2GYpR+pq3DnJFaNsJGtJfSFZR5Vbq7iIMZ3Lp5XACXEckwLvdcG6YAwi9pXTn0R\n    GwH/9AkuRGmATMuTyjBKL7ZHLA8Xa7fvEaa+32vlFa2aX7k6hL+v/lJEqOz5TWvU\n    nhuVabf1AkvZPTP1Dsl+JBS+InibMRbMHw9xZBaSCxDtyxh9qifmFjW7+Io+2eY2\n    6kdUalAYc6OWYC0SC0QoSKhk8B7vOph4fsatkB+7A8zv7wi196ZS+HOvPAvyxEsZ\n    fEo6lGN2kPPYrwk0Bh6zARghGBzeT93TmrqCL1/lJ+zIJZH9BTFEkRGv3APJXRW0\n    DC6jlwwbjpf0mG9nLP/P2u+6xMoRqYUCM6w4xY1VdNKJZSeT+ifIZocTLXBtah+1\n    xJRBUkOUCLqzdvkOvZzrtGoF5UMviawiezuG2Q4x8N+CgxFRdsSss2jP/f2dTo5j\n    EE/JTQ8ySDCK+mdqMjIOrbHbilu74bmV8Z3R2SxxyJKZJSDbQPO95vx6ofvKHnNu\n    ZgPHJK9tbzv9orwrtClxF3QrdTwI0DXtNfzGpfR7jRue9ZYCaaFcxRr389mwAub+\n    8Q63qSSziEOxIHgpn2/Ifo+9Ost3Mp3EpjbYZAApAq2noRJWoqcyQvskfkSHjOGk\n    k3LfozU42pIVY/7oNtJaxmdkBVfAiho0Nuf30bw4jK97gTN5gtCl4uPGmCnQPhOD\n    iwBk7Upl6hMf8hoRRYMXfPeYXk2tOQtdLp+/ElHuQEyJoUn8/5/E1YmqtFTyag3J\n    UgcLxPZK1mjl4b2HaC6YL++2cXW2MmEmugfH+3bVLiMLp1QEe4bONClccuwbr2ql\n    gaAiWeEjqkZtstjVrmn6XpMScI6pUM7zpXbSMX/dGUtymoZK5JdyOdAoII3VbzSd\n    XHtXCsfe2g1KzZjb9841blk9Y09dEofksvRPwBJ+y3+FVDtghrtme5bHOXJ1qLDp\n    7+2VD/Huhg9f7gtFBV2xHfeHB9t2GpXvONOUIG7qhTUw+h4w0DnM9lyelsRewp1+\n    WDJZ8wGlKXHym73nrnrpZDkftkUvbIEFY3iGoQR9XK6jYxSEBsYQEPMlavjKEyKy\n    8lYScI9kfZjLKblp8uILZ5kqZt3LLWxEQVNXabpZeMpZ7iHLH1ulP8XWo48sDBQi\n    fbMVc6MgCleHym0aRQokKkvbrBFFT2z/c9+dCZf/cBiOSJmGuxEBq5uJTVTPgWQB\n    8zvogFAPXGYi/OIYkPqbyTYRLeRnvHHddydTDG8y76FM5eIcs/aMX3c775WWzp0b\n    D8+MxfySrpac28yk8HHuuMftkn+WWVDVDcZwPfACF4/qhOKURnwXTZi74eyu25UO\n    eL/sYAHX1M2PClv60UzqO4DLCmtsgTl2cc6Tg8yevx+W/RYQhXLBRzeCisZSMpw6\n    X5PqEohhbZCCpwnBLIC76GKgGUR35TgpdtuRc===\n    -----END PRIVATE KEY-----',
      ],
      negative: [
        'if (pem.startsWith("-----BEGIN PRIVATE KEY-----")) {',
        '-----BEGIN PRIVATE KEY-----\n<paste your key here>\n-----END PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEACNvU9EsYGBS5cVGE2iSi\nLU6IicnzhjLgIBNdMlSMRlFM6oa/NTPum+DKsFzUly6omf+ZXaE7dgeP17XHmpTu\nDHyZZs4TpfANExVdoqanKUF1bEbHM0Rxf2bbhs1jdP+CaHTxOuFoLIZNaTuw2Vfs\nXPp+QnAPkfp1E6MIkDGkOPU9GOBNmXTvq/7G/JwW7yjOohwztUXNyT9YV04Bbhn7\nv/cbM/bm7VGzSJDw9UI6pqgTk4X9Q1tAv8Xw3krdkTPogpRMacXTHaqA8VXodNHQ\nitaOeAn3YKWUu/d8iM8yir6vfC/sdkznH5SzucF/W2ERTxEkcg8nD6EBTQS+xCph\nrTeirl2z7mcTTI04j4Eem6XAVqVjJIfWECaBz8v71iItqNZPTX5b\n-----END PUBLIC KEY-----',
        '-----BEGIN PRIVATE KEY-----\nMIIWOYcZpzgM95llWkB+bs6oK+iXCjScT1rdKsZdohdF9QArVIdcUAUl/dgnSa/r\nYgAVVYLYIong3FVDwEs9bJTMpBxaTD/YTJJ5frT37RI6XMXqg0e7cwB/ryvAwLJ/\nhdNAzjv09BZkLezvi31196A57GONT0LQcOvdbIyzz8qyFzqsFTzikh+lLCeuT4BX\n88vGGWIFeYy0XUKpsg1pLj8WsfTSeFs2utZOQW56FdHYo6VivHoFZMQ1n8GYFAZr\niWpMtGpE1/ZvnbCupTLHrJs6bXTbB+I2dQxtlBHrGyD5MNS5ODgfoUVpHObKU3Cg\n6sOEApQ0JxJJPL7DzNSAaMqxCv7VZRQqpIqIs7nWrO8zxbHJfN/eBfTgQm0tdWIv\n93TGdPet0ImWdlMbq9h=\n',
        '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEmpIEUo9ZQw8zYoXT8f2Ni+UwlFNSMsPAbdMkRS1OJ+rB\n4pPV+ZcqhXpv1wrN1zLtg1kYhZA06cwAFtUCC0HHjwHzBgBikWJXAyinVs4Hu0k6\nbNoQavti9dQlpHUG15gWoFWIRdijl5SGGcCyL09RSNH6ZDeiz8pOFhlTB8UhFTpq\nsYHVcMAcuQ6HPPI0pWsgt8qpaMoVQmS5K3TQBxnXseaNLDPqUjz7uNHsdmacqpjI\nBQfQ6X/i5SB6J7a7P504kkN5tD0oGOnD6ivDpkOjbTsa5vSG0A2Ho2BeNxSztlrB\nqYFiLfuMvdQus2aHMvIBEh34FBQEjK6thNlXFFWeFvoCvieuZdo764GU4H9V/Fr1\nm8N5+oV/nuMIE4Ft59q3eYszLPOVrKbDlD4PRxGAR0W5nFH1AtDeaT3g7QHyB1uU\ntIdX2XnYmsucO9nVDM02k9qcSYSVPcAgWvBkfr4zcVR/jA1KZGDe4qYGP6/9yvhz\nNZ5nasPXDGhTrTwtERDkoua75oZou43FwCZPC+oX3C1SrkI2IHMz31aubXCwupu5\now/ChMCZG43iOx2ls4mcwieuI7VaB3fltVVLbu4R3J71FVjxY4ed6ueel0ZhimeX\n2orP7o/LeyEb85VU6Ozlu2QqZpkinuTyH0hiifg1xwo2AOgTX/5eVIM4iAhWUzqB\npboiJl/io7YG2Rz0GVHoOqWa+ZvxVRkLcn+7L9MDL6+1QfqJ+a7zbVgnQjrw53Ai\nKIoXIxGFqyObzP46lGxMwxAeOmQ5Zi/wkjnEJjemUye/ePw7tpL0JOSQ12oshClF\nTvfXC+RH4GAoH5yIBjDW6WpAIO1EwhISLrWSje0pae7x7QUeYuCwbKk9bLtVLN0m\nuKA3h/5FbovbB2KLAPXbPGk1X0JKfbZL0s2NFwpYBYmMeXE8yzisfGEHuW228ryv\nwnb7acZjz59R81oSlamzSrqBjdq4ZUrgjQLD9YCsU5K3AuRW7bHL0ExoltmluG/G\nlutxrAUGxPpSrmLbmj1sVuR/74HYlTsy+BjF39KJmaMnR+rQ4YCIZyPeSX9ItJE4\neThHEF/OgoHEfFyluXU90VB25fX626FK/k1/BiDycjhboKg0lKETUFpS6PnNMbWT\nFZnrDpnWCyjDZisqdR5kA/HfMh1lWll5dvRncMqbiBpZwdmbZgQF3MDNaPxY7s9N\nOSrG\n-----END CERTIFICATE-----',
      ],
    },
  },
  {
    id: 'rsa-private-key',
    title: 'RSA private key',
    severity: 'critical',
    description:
      'A PKCS#1 RSA private key (-----BEGIN RSA PRIVATE KEY-----), possibly with Proc-Type/DEK-Info encryption headers. Whoever holds it can impersonate the key owner (TLS server, SSH user, GitHub App, JWT issuer...).',
    remediation:
      'Revoke or rotate the credential immediately (treat the key pair as compromised: remove the public key from every authorized_keys file, certificate, deploy key or service that trusts it, revoke any certificate issued for it, and generate a new key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep private keys in a secret manager, HSM or SSH agent - never in the repository.',
    references: [
      'https://www.rfc-editor.org/rfc/rfc7468',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
    ],
    keywords: ['begin rsa private key'],
    pattern:
      /-----BEGIN RSA PRIVATE KEY-----(?:\\r)?(?:\\n|\r?\n)(?=[\s\S]{0,300}?[A-Za-z0-9+/]{40})[A-Za-z0-9+/=\s\\"',:;_-]{40,16000}?-----END RSA PRIVATE KEY-----/,
    multiline: true,
    tags: ['private-key'],
    samples: {
      positive: [
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA48y9MLcnfrmq0Z/iSRe2U8EFjK6ifuXkBuEYcJeqIpJZeLAr\nDThSU6zMykdkE+lBFRSeqT4NE+fNCd6enVs2W5utQqan1N2e+Vvv7TYUAa+UDxC5\nE/J1PmNy5DlT/10Ed7xy5bB0bI7GAuAIfTQ54vERvMpnwx+VSyyDJVEclbo7+axD\ncnjeMk/AEy9Y5RftJd70JZKVy2VoPKQwHfgWkhKSwiMzfno10h/2qPPtt1wazOQN\no21IIheRMaXMb4MjQdtejzlAF+8ndCYeEv+RKIBvPSEJN2FnV0utv2vMWsiTCRhU\nMup21zW4HUMJ3Y4ekJqfMypdqHNkUv+4EA21fw2cHa5ctK3gWzz1Xym6ZzwS5E4W\ncM2HdT/7F2XCPKBKoJVUTGFO0xnxk2pQrUeBhuqQ3d3GQElZYuUji/7+9C93ht1F\nbBb1m7I4Fy9/JFOeon0E/Ok3yPb8L7hqfDYi0sgw0GAaI3gmn/1oj5+y9aNSE991\nqI8A1zc6V/SgcnuxSsCPq5hWcqSGUbWFrra7xY4r23UgZQriCec7vcL8ct4plTuE\ng8XjeqDJoChRL8NYx8ZY4//++/6lpxofXOwczhj8+PHDWo8TQrTlWlBrWj8prB3m\nqnjGGaiBpUn4znOMb9DGoiiizOI9h1/G7hhsgHYw6sChQTbwT0DhjliqxyuRjGIC\nyHqspz6hiDUuonGDveO2vweQWPJvH4ldb7piYtRtBw9XJC0ayt3cfqmcVehushsi\nVbGlMO5eTLUPExnvaKYFtjL0za2Ud/LJhoy6VsFNOc0bSikq4oXruew2Dz3A1MKM\nwu3P2N/jJbhAyJ33AwGJo/QC3tID6v7ICjD75+w3YUnpX1j7CIf/Fjzp9C8Qyard\naiOIIMCobDIWrLYdRbi41Oe9NkarFf/Hv0MC+uakwSIS5wNMwsktbOIVWf95f9uV\ngcoJEqUqOwgo1fisg78+5x7bXr3ayzuH0fImeKPjZj0NSsN8ApMcWARlXOiJ7xXC\nqDh+3stnpfX3D6bguAkm2qBwOgVfWnx9luxoF6v/yxZb14PU5ioifhOhWenKh0wS\np/gDo9ra4Mes9HvhvRnyKVvzv31x+m74V27Ip/hqY7y4amZPFCV+Mm9LXSE6L8uf\nfwUpoCmqcSP2iWgmcAw1IStzC6Je7iYr92uEUTIIs8EJ3+tjhlxn4TSZmHzpG7c2\nr2MQi8+eQAwCvN9rd/clkxHJ5vB0JMRV+GeAky0fB8EdmltwvrAXi/8S2FHaG5Qc\nyqz605UGI3O6bogiOp386ZbMl4ZYaDmo5Zw5VwYZ2m+wpf9pInCNGk9McBrvUJwn\nlMiXstYJOgbB8zr6DCs/wmPATxAdgeVxmj73/V71RjIJ904dwsUlMPBjVJl/mPjm\nx9EzoNrlaNi8SsVpD74jbSwUwAECm09fcQqRJf/NZfGApAo1WRx2JTKfswQLGmQZ\nTeNWogcXvIWhJik6s+zLlNhZ6PrtEL+lO5a/N8Q2qfuDFjvLvCHbsEFXAAMIoE4z\nT2Gk/EjcPOjLt6W44uh7aIYl23UrcOk1tx3/5p346cgtL/tS4BmV6M3kOoGvWK+X\n0QM=\n-----END RSA PRIVATE KEY-----',
        'PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEAT8EOTUDLBY0qKLTPLlb5bSoPFOhBLRyvDRm9o15HV+dUefgK\\n4kYV4ZjL9iPt8frc5NMTZSPz1qwA81zqF7VcWFP9NNaUnsRXlzTl1it4Pfc88T2r\\noY7YSFIzeLA/zuwfR+JAmdpb9Rh3M5wt9GnO7hLx2CXu6yXwL8Xgujr8/KdBXJo6\\nJ16exuuJXuW13cxPx+xgAuwXxbVRdmj9yOTYFTxF4kTVNUOUxKEHXPJytsfUSY1e\\niLFzvskSzwqWF1JCWHJIJ3dVU74SOke3YXKWMydtxIgErVFuAJqKliUz6KduTOdO\\nkskItGVI0zZbHASjiUPE+lGf2ZS4YmvJWt7tPjxzRJA1cGvBj8jTlIvU+CIcEQfo\\nCH1+Ip6Yn3ft1B6Wm8LBPo/WOz+iVW88DW7Y7clpjmtPZWhAAEPN2UQWInUualDa\\nXmqhI7IrNgUvE2DSiKr5C/uRLLOyHuxFaAxw3VlDHIEtUqg41ibEfpwoBEDbWb5I\\nUCWg+HLm/HFfVtwnerJWb+QnqiO8vSnRasEWqldRTvE7xy8Y+RgHkjLs4bwUbqPw\\nl/vnIDsZQ9fOMSbor8ZSL/7m8fT0gfhEBbXiaSWf4T78UhCdE73H1gGNDt2bijHe\\niPapLQp+LOsoXYg8v1Ke3QZveU2z+TAgO9ra8A5usmkxNb3Iii865Jo2Et/f2J3X\\nUKEp95MOZuy7jEBB2+/g2w6zRf6F9LfSnJmc1msSNiWNlw7F0RwwrNcIxZPJNlGG\\nE/ZkeEBRcIplzmYpdHHh6m9viEZxjL99Tpx37bERMwA8Q+I8gZlNAlx0OnUUpa8g\\nJv4UY9WmNHZMWcMX/ShdEimLJC0RK4WdBcM+aBU6R9hU+UeE1sLUJpsbp7A4QviI\\n7gbQstdxrCEGFjwSR7bb7oC/Gblyo6+mYIBrf+xPXlEGQHIQP0Qu0nRwJtVMnRQf\\nePJ8eVqiT3b1Z6E0Vkn23Xc9qrest8anog1aAv2mVnx6HBTQ9TZztlyqBTjUdZHs\\nBQdecJJKTvtTJfEoGhXbJee2UYYa4P4nevLOjzJNBvnwraoWdPvZlZXQcQHOpTSz\\nr5MCeQCmu3mxCwarK2NfrRRTPjD/E7bH13sKPwxavXKtvvRcbxFdYX1isJuucc3b\\nB5UIAJYMxahki8AAHUjK+Aa+ouzqdO9t8SXqVqmdCo7FWfiueb31Z9c1bPtlzWNo\\n3PRVDzxfuNgJWksBoK6LGCCx976KKlebt/0jDV1zvu4cT4tKzeMN0ZUwIl8hOUie\\nHgrZJIP+LJD672jiMHr3jrcvtQ9c/LAOQ1ATzcuaRmbpKG+vvbCeo2lqVeLoIAX1\\ncmazcTuTgxAPbOZztNnWqZM7rCPrJaMS/5bjYOLvYAOTfEc9hcACq39nhj3zkAgM\\nfEnATmNRrqst1xkOMcN6ORqtsyBjPST8WqXSsQ46VcDuj1Z12ndvSJ5Ri7pJVhbH\\nUdpm6ogOOGDNuhHeNqnzn59/iCDax1FsJxPRPTXITCxM3Y5FYURluCabMSBOISdW\\ncLV7ysul5Rk6yu6t6hjtQ6HhkCgOhxftDmTDLPRa6f6GFnNHzgCcPZpZ4dEwlVMf\\nczw=\\n-----END RSA PRIVATE KEY-----\\n"',
        '  tls.key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    MIIEpAIBAAKCAQEAHq6xjcLntypEWgOSFBLxrkTRcxbTxQ2kZH6ix18rocnq7+NO\n    AcdqCCV/dzru+/UEq4n6+JVIeDWBGyGqIvfgdzunW9IvzGQ04Es/7rgaz41mKd2k\n    JX2KFNrCw6Xi2t1RrYLMIxox66KcMekoAQz7OjSgFHdF1pbOz17svWg1HUJl9LSL\n    8g1EZ/kNJRyfGwaRRG/jVuYPO9eFFyOfzxqflmQvYrcLWoAaGogxLL8V/kEpd/l1\n    hHE9BMvIASk600ZYYGjsrCRsqG2Xj8auzZ2nlwxM67EwZoK5PQ4uCXVXPR55FJUU\n    1xBvLy0FeahWnarOSmsmD0Vy6fk1AN2VTXRkY9s9Ow0pRjF2le3mxGbOZCDiN9ss\n    jnR4o+fQv6tJC2wda4Ar8vdPPQhZKQrXvz5zHWhPzr0H7HA4ak7JkOeDVeYYOWND\n    H7hJiHlOXRncpGjW7OpYLreznvLtyn8BbE1ngST/wbSJRkLnyxfk1/TU7jTBnhD8\n    3LxRt43istaOhX+l5ulgQgSP+ekLZ7sYPhaZp3UsoRDMzfc16xTvi5mjx90tuXWL\n    ys8V5T2uvLpthj4qzrfkJGNMSWq0ahvfWGpAMv/rQ6pwrheeSQfDSbJl6jlAneTg\n    44AXNf8Rb1cgwDn9KbjLu6dKkvn8ctElx1XKb6dFk+INbzBQLw7R/0T6nlWsB/HD\n    hYegLHyR6Hv4qLU6XWZMhLOZcOj8h66qXVXpMlEkv/j1uFOGqst0KzXwMEo9PMX8\n    Tw1cKhyFdgqO0EvlRXNpEpZZk0kUnhreywwMUeRagF+4RaFU4d98Q0m4RrXICfCR\n    GJASSDYJgxVPdzCZNEMDUhkm6DC8qiehREzIy+73ABS0tW8tjZZKzf72zNv/Jd2j\n    eVmDrzBXYBBCiYXpjiDVFzOign8rg+/+s70BV82Mlp4jQkvKq3JBoAr2IuexmU0Y\n    NP7J10LLShp57ruCbS8grmvsbmXOSuJk0/p9sVD12GSM0eyL/RrXL0ulAcppMy1j\n    FZO0gUaMRmQ6WE06K/Hf69MfRwAbJvqF+u/ptlZ4OqBn8CdUNl0Fi6NySfiREqGN\n    nzVVeR4UzsyDI6TmtOGE9JUGckkb3hC7cIBvw5ALuOqeqK7MndN+fGGrl/I7V/er\n    NbtyYosEWORkXorxWrX1NsqVUyfk8kgIQLzxyIeWSXJT939Wa7r3KtesDb89Z+/i\n    Yeoo4s+x7OfZ/ykLCihBPiXlOxowLiC1qaWXPE+cb98A+uIehgN+U6ldvXE2CIbz\n    FcGm5FAq9Tg/27+8dBCciqoaQnVcik8hRqt82KCMuHh+ElXtKK1O/qVZ5HQ0vDlL\n    vnoXxNwCQWrTXOrEAPug43Q2WK2tsklMI1XJNnnj8DCrX7OhyhGjC0LwRozdxt9V\n    kgIVrSFSqjgWDNi+ZpznBUwhnaj2hasTOPRaxL3yZe6RIulHAn2wUFyW9UqTOAif\n    p3iQ8hq2vCpRlbXeks7LGcr2U0tJo4Oe5Z7gBtqxRu8fwPSMWSbj2CEU4mK486u/\n    DRzDxXETfDUaSZXUsYNjwfigfGIl5hk+cyRPw4PIgW8mkMstIaAqirKwbCo3huF2\n    uME=\n    -----END RSA PRIVATE KEY-----',
        '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,A501EF81B41639AF49C00EEFC311C54B\n\nB6m/HH0uPgszpeomCnvVP/E4VL5KNmXMa4dfjWxNvqiVVWED3e3nIIrmoGI9c4Mi\nhwsX12UGc4iYNIUTdleuOCOVbSWWtWfTBCE+VIG+7M9goh22IK2pk+9z5VxhIkpP\nQMXHv0RtPvzxwnD6VR1rWerqKQ2EDMH9hcp8TB37uZMcAFw9lE7kSb7cPrvY/I5N\n4UTTP9+DjC6vwt5oFCu1NGh3blGXqJBu1wXexuX/UtN5H3TwUbgfBBwrJJhlo277\njTLeoxVc9lyPDlXwdDEhTE2ZGtH8UAzBZYVTbAmNgZ/Rk+NaO63ra+QeNXnQnMpg\nd3mb8cuAPlCRRmTQNHZPwsN/8NFmlYTiOag3p7sM0oMg9eOvuGD3pAK8QvnUfXzK\nOp2i/s1/h+StHQj03F8SftuQu/t2v5J9Pqyvsqw0YKxL6qYEqIOMsSiPbsprgPCX\nqfM+f809u2Fbxf9qtuvb7ig0HS66ve1IKzlCaqlhvAxNPQlPB9PB8+7/IOjTyu3E\nsYM3BmXXPzZcyyVfY5mccHZk++PBooKc5J2wVyp32R1u2D3tzwweR1xVV7eLaYvZ\nMenepQ+I5IwHIHhcrbkCWViLE/cCC51XDThyrMbxMV3qQdsMokMY2nPLB342wQi8\nhsFP4lg3ICFD8VLzLZFTVC4Yw4lBTocXAZeCTCNaO5YzdZwFdelXPnSsWbzg7mMB\na2BmUg4x+Iuk1iKd2F2QaoW3Gr/98mie3uIQVZQgfdhaAm+HtgbJHVe7ikkNfsi3\nxFDkaj9uv6Cgb58u9TzfwYWB+6i3uMEjGzJE7OVWll1IZWunnai312ISB6m9Jk2L\n08cQ0AHWzt9Wa/cZ0CZcDWXHVC3xYdTdMbD96TX5AXjxMvI3egkSHnapGhGjckup\nGKSgF7dLB57LqYL4wArHGZPDX8riAlKiH0xNmhkdK4BBZ1m7yJR8IPxvJarJoJQc\nEM66ZPHQFRAKxy9SuRYC90IehZ8fqv9OG0dJeyeTxF61iFGRc8+vxyDROnByWzGM\ndstvy9HuQQ5xdtyjJPwO3HB3tbByBkuRcz9GEXvjhWg+j57zaz3fLUyIrWA/07NB\n9rIhG97WsS7RX6yool/fVMWPlxaoCf+QcahNShjTBoO8HpBL463kEng/73KpLL2u\nxjGHWYc36K45TxCBgqIu9dEas1Ny3iCo53UNs9OJ+gKpl1R3df7d7Em3ZNbHJT63\n9pfV82ogY/vLHqIF4ZJauWU59p/QGc6+Ifqi6WNWx7VdB3R+yXF1+O073+i24ipL\n5RJECIjSG4PJ+9vM5WkOZ0khN/tK7XzEMH3hfQgQQTFvvGUqzW+pgD5HDrJlIVaL\n3sPWm+sS+NJS++0hFkMz/SfwgaBfIGAIuhki6yhLwzlLuhM8oP+pP7p8byif9t3S\nbqeXHr7c5+bcYBeWtpzhNJ26lNayCjHwEfYvjHohXjrdQ5bs2DzN6fib1qTa2e55\nL1MRk2bOKryxUSCL2CDY3KyWxPK8HadHC8S5Xn/A/nK4lniN7Av3zGXS6zs9+UA0\nIZlhlrXZqOkaDWmzoLwV621FePhWROiWci6/2ZTGDdZbz37N5bqgn535oPcFnlYz\n-----END RSA PRIVATE KEY-----',
      ],
      negative: [
        'if (pem.startsWith("-----BEGIN RSA PRIVATE KEY-----")) {',
        '-----BEGIN RSA PRIVATE KEY-----\n<paste your key here>\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAN7tLEX7O2HF2DJYdkZjS\nTqSRaUgDRE7U+4xD9h+vyMJuMUdDJInELg9h8NCuZrTyK4dC9wIFqBVPBMGL48dF\nyNff0SGXK+HHcXydV2b42LBKEgMIzsrR6fJlhJ/RJmBSbt34MmsxVrTk2O8aIa9G\nyMrAkrgWipzp+pgimPb58pg+gYkdaDnh/mEwoGbiUVy3hY4XOzMMJtC2g0qeYUYc\nVkx5H/AoCgi5hHUIBXEkDzkhDf2XRGPwjJfUka+ycx4WYuOUebKYY4I8kIdMgzW5\nl2y3jaDXhn7tALWhaSAOUU5oa2gUQ2CvpRgNlOJTtn+O4S9MsXuPG2x+umS1h6P6\nBFP3Z2U/DgKHRh3EDA+0388fu4uU5SdjJWWFPvHlO7MlNctHHrII\n-----END PUBLIC KEY-----',
        '-----BEGIN RSA PRIVATE KEY-----\nMIIrjx+VNVpyJyXePc3Er2b0OUHOgiuyYHeZS0JE6Thmw+XYbWSQ0IVgAKpiDpmF\nA/ITB6q8Bc2xoal5ziaDzVqPcaU5b6huPnwJXPi0GNPFk+W6MdDLcDZobUXcRsRA\np/zo+YQd6uAGuWfOzzOa2tTeAbCSCI2hhphjCqMAn6XEuEDJzKxnGaBwI9oiLXsA\nWgl45+ARA9RykT1RRhCiCpR5iQ9nli8FW6CZ0ObdoKdr0PDvX/hk4es+VVLNfU5V\nYmIzv9+Q/CR0IZKjH9bHImAvqTYspBrlbXO3D/z+aQZ7rmFgx0GdPeAhvM2Uvmgo\naWTB8KocWrDM5KOYrqSPiGGNSzR19i7ifaPpxrGdTpb2cIBRxiondmLZikVFaeaA\ntRSINjL5YWQtXdhjmdG=\n',
      ],
    },
  },
  {
    id: 'dsa-private-key',
    title: 'DSA private key',
    severity: 'critical',
    description: 'A DSA private key (-----BEGIN DSA PRIVATE KEY-----). Whoever holds it can sign as the key owner.',
    remediation:
      'Revoke or rotate the credential immediately (treat the key pair as compromised: remove the public key from every authorized_keys file, certificate, deploy key or service that trusts it, revoke any certificate issued for it, and generate a new key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep private keys in a secret manager, HSM or SSH agent - never in the repository.',
    references: [
      'https://www.rfc-editor.org/rfc/rfc7468',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
    ],
    keywords: ['begin dsa private key'],
    pattern:
      /-----BEGIN DSA PRIVATE KEY-----(?:\\r)?(?:\\n|\r?\n)(?=[\s\S]{0,300}?[A-Za-z0-9+/]{40})[A-Za-z0-9+/=\s\\"',:;_-]{40,16000}?-----END DSA PRIVATE KEY-----/,
    multiline: true,
    tags: ['private-key'],
    samples: {
      positive: [
        '-----BEGIN DSA PRIVATE KEY-----\nMIIBuwIBAAKBgQDbY/PtXkOibgikUHOTn5vcBVwN0VtEVLYS2t4VdHegy+fJZMwe\nP+smxMiyrunt1KzquJ+uek9tfH8rKQ7XfiYJ09gTUtJLeUDDW4YAqWHZMFJRyXA6\nXn3zxInNf6gjxBv9LOZGb2nyXVGC84bvnv21JKcLFlh6plvAWlRBAQuu97FcZwAg\nvYxUC5Km+gIE51zvJ70kJHaogWiS7xl8m/ORAk+kCVCXVxwqwlaPAUHSfqK1qOSB\n94FJyeLL78sP4bR52ejLkBPGp5fEGFmAcbVKw/gjiwlrheSzCLkCq+8pwAtNnuu2\n7SxnB2/PL4/R+DvRX9mhBaOHNQkhwNPudQ3RBYUyt1iG0nMuxdg9BJmVQyguhsV/\n9UA2bWj2y0f1knqUQfR7HW3A6oTDwq60yB2TWD0dxncgXwxxEHh0hR0sGc/tz+ib\niZ4JXiozBj7QiYVWQ/l/1MpjSPtOJm5o//6d4R5rfHc0WYznNHUJShgJiMlYzqCu\neFfrz0D95UuJTmENsHMDMUw8Xz1I6Y+9oLiCdYRxFaF0EY22IcnDjceRrh3J3aSW\n7HNHkUktahRsk7pAjrMP4YVPKs==\n-----END DSA PRIVATE KEY-----',
        'PRIVATE_KEY="-----BEGIN DSA PRIVATE KEY-----\\nMIIBuwIBAAKBgQDxVJcXCcKW86dhRp1a54gY0jipAti7ArWS6ruCI31I8qzbUENA\\nGfsgusCdhOhzv5nb1ODCJCwYEgb6vqh8rW2ml2Pl67Vk2OFCT9SGku8z68LqSvd0\\nZz4V0qDv5pefxlZQmnM37kdPenWVbb+Fu1GGYGEyDlCTjxeKHboYWMA3sFzqizsu\\nMUvfAwPjvl6esFNDOko+4qjMQ2hdePG9KpY7Id63Rrd6wnV8gihh3EEIy4qcuiHE\\n63MlEK3Z3v8IAYbYNF7io9vNiwCcJ2kY2kuqAbkvlLxcF8YBNY+kC252gc86rPj7\\n2C/YVYH6xzG+R35ESbeMyOL14weBDfycTlWkXdwCxvCbv1nBfd1erMXkHBgly0Kn\\nU0/yPpgIbzP8Y1ssu7E+55yot0s+SrST7wm/pqCtwBcnnMzKQmjlno2LEO9EIZrJ\\nHCJcqCvZEEg1n5TBTq7LR4skCGnkPGWVuCDkKgFseFIvz258RovIZh0lUyl4SLx/\\nQ2zA3gIOX2wQPH5yEy2BnfNsy9emVsN6r//e1UdEns7RTZf90WZ2+aTaJOgPth6V\\nzVon22S043Q6+nbIkl7nLMdzqM==\\n-----END DSA PRIVATE KEY-----\\n"',
        '  tls.key: |\n    -----BEGIN DSA PRIVATE KEY-----\n    MIIBuwIBAAKBgQDrSOWty/TiQG9qNDJ10bZvAszI3MvsfVUkBCRzMJwlqiXZ9Uxw\n    qkquZIJ3y5uB9QKl5SgaY/LB3cesag4VxyG0TXqcwbGiIF5+hbjYGUWNx8Lu4zPP\n    EAQQMMgekcJ23fk2V/zXwcMr+Tl67ToWHHwBJ2Te+IL//m9KF2cX8GQImeb/kQ6j\n    P7xAAos1mN+HB9WLQJBoHWfyJDUBzrcgsoq8LcbvArJihtVRuR84yYgymgteFJpH\n    npFRTaFceuu6uoyITTtJvOfwR6c8xVw4z/AM9CGbSXfpoozHqGfV6Pxqp4s9Qudm\n    I6gCB1XyNbgqMWgSk1XbC5N/hx7I5donP5gdMTu27y6SrqRiwhjDZJMTBsq6bKM+\n    X9dP7J+qqhykg3Ck7e6Xu4sjXJuVd8fEllKnDqbF/eKBX+D7S4R2CKGqzxQpf9p/\n    ilyz3VvhBBGbfYx00jOg+WTRIQqK+Bb8Lq9YXIvuJjCAYv/HmrggyxoHlgCMdeDn\n    CJub4Igrw+QxDoCtbY976bZQcThhd715oe6RX0kN42Ee+RWjOA2xV2YzT6k9Es1p\n    JPNAoytt9SOZyP7NISIYMrjjXw==\n    -----END DSA PRIVATE KEY-----',
      ],
      negative: [
        'if (pem.startsWith("-----BEGIN DSA PRIVATE KEY-----")) {',
        '-----BEGIN DSA PRIVATE KEY-----\n<paste your key here>\n-----END DSA PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAYexY6oRshkYbEXa6aRv9\nKp9c9cWzL2sBCHDDBdA4UEVwUlA8geFqf7pf7XEf3o8v5/wgNFxu73/r4SRxr7HA\nOQtCTXXw+jJkkm80wv5eTRwmOeW05oS0QhsYnl+/Os+HTIaZ8UZxJsR+JYScRCCJ\nWXLCat0Z3fCg+P5DnVqVt0/mlo79uvwxQ12tsEBgVlSI2p3sO/7igFNLNOp6BUaE\nbl5ddCdYVOGBzyuoQFy/HzX3gEm2BZ1x2kwZxfeROR3qUqNz/6fb8U+xXV3fdS8g\nOJII/kQ/Gr07FKyvirANbjKlGrdBsdk3B6TTpo5uQ7AzFC+LLyq4rY/XvL3+kIQY\n5NnJngaf46sV+5tipd707T/yEReYltnDiUNg9HpSOD8UI0JXm9yV\n-----END PUBLIC KEY-----',
        '-----BEGIN DSA PRIVATE KEY-----\nMIIqOcIpSqyR+N0RSKj9wvyYZzwaa/J340rWH2EHDm8XtFkQsPY+BPQAY/N7XVs4\nD00vK+C8gpdabe18AaZVXdnATo4u/pfb4QeGi0ZvIR7PrS7krwQKzXUT8ISsqM/W\n1sw4G3S8I6HZ13KbVrZg0D6Urq+q9bZHvcMfd7mfJLSfWA6h/bcJfhGYbrI70xIL\nikHWTT1EwaI1bLcGhJW6kf0mkJRkj6iE5GmB1zTkdlrsGKY0lGl1v3lNp/ODiNwx\n8MaDZBJKAk31130I8cct+R4zruCp0IMtg4XiEZsOM5RT7niEQkClqyTRaE+VEcXO\njcL3MnON9lQffnjQUCjH87cxt/xoyX9cXXn83PLpo9IIm4oGWqZuANpqXJTBJeXv\n9VXG/V9wx0owlrw42eK=\n',
      ],
    },
  },
  {
    id: 'ec-private-key',
    title: 'EC private key',
    severity: 'critical',
    description:
      'An elliptic-curve private key in SEC1 format (-----BEGIN EC PRIVATE KEY-----). Whoever holds it can sign as the key owner (TLS, JWT ES256, Apple/Coinbase API keys...).',
    remediation:
      'Revoke or rotate the credential immediately (treat the key pair as compromised: remove the public key from every authorized_keys file, certificate, deploy key or service that trusts it, revoke any certificate issued for it, and generate a new key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep private keys in a secret manager, HSM or SSH agent - never in the repository.',
    references: [
      'https://www.rfc-editor.org/rfc/rfc7468',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
    ],
    keywords: ['begin ec private key'],
    pattern:
      /-----BEGIN EC PRIVATE KEY-----(?:\\r)?(?:\\n|\r?\n)(?=[\s\S]{0,300}?[A-Za-z0-9+/]{40})[A-Za-z0-9+/=\s\\"',:;_-]{40,16000}?-----END EC PRIVATE KEY-----/,
    multiline: true,
    tags: ['private-key'],
    samples: {
      positive: [
        '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIfy14WFlPMqurijY1y8dZjSzNwMKpZxMaPnBh0RK8+PR9ABCB4F/sKqY\nAfW4hyBvi3VgyUlktidsc7S5mSK0Ko+XR1lVTq7n6OnLPcwbUfyWGdRuAfg7bjjx\n+xfWXF9mC8Xa5Iqaxl3YNl0xKM239ZmGuVzv2Gw=\n-----END EC PRIVATE KEY-----',
        'PRIVATE_KEY="-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIjyxXge4MJteyLu1Q+UO2VSMygldWOVJvM10lskyprAnzxgR6wnNbRtK\\ncrnbfjG1CrQ4tk/UDKARaPE7+atBHsC9933ybWAvR4zgQKI6uShudRqfLfcWhfg7\\nloJNgt18xW7HDSU9WUY1TSxbEd6RiOHgSxsbFRg=\\n-----END EC PRIVATE KEY-----\\n"',
        '  tls.key: |\n    -----BEGIN EC PRIVATE KEY-----\n    MHcCAQEEIGpsTlxHo+sGLadywAL9HglQ4Q7Ys0FnGJHlk7CATfivyWOtzfa37QY5\n    MGa86kFYUnXTA6A99743Y1YHusLwVs9f43W40f0daRoOTAD49sCPtoC3aG4CzIbU\n    tACBZU4n8HyxSupeNjhF6OL2m51BAMqHpM1WFCA=\n    -----END EC PRIVATE KEY-----',
      ],
      negative: [
        'if (pem.startsWith("-----BEGIN EC PRIVATE KEY-----")) {',
        '-----BEGIN EC PRIVATE KEY-----\n<paste your key here>\n-----END EC PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAPYLQJr5bfMIpORKkFhlK\n2SzlLT0HnOwmKihaHUeLJucMsCd/y3hCc1QatkxyvpIKExzdvWQdBYSD/SUHiFxJ\nOUFyxuxAQV9HMeL3/p/Pxmw0yZQglFLSi8XYLipyJKnFkPh3TJnzIvuIPwGcEiU9\nSXrf7I2D/Q+kLpzZJFaTs7MZS6H2r4OCG5MfhpeN/NFDVGG1Z299FvxEO4+PA0/r\nHzFhKdy0+YsbP/TShA4mnTv8PGlq3w0UXSwgtyUbEAJuT/NnggTMb7xgmxSGxmc+\n4lTGef9uUa12WewF9vIvPtBKEHA9eJ+Wpme4U0pDOKOIieOKrMA1UFz6wAeEEf0l\nAmeC10XORvYO/YWjK4GWCA0kCLCUV1EMVYtI9FL/6JV3DRoeIYMw\n-----END PUBLIC KEY-----',
        '-----BEGIN EC PRIVATE KEY-----\nMII8nWpCXv2rEc4TLair5hnXGCtgOMtIFJPhj303V1FHvs0p0+Q/MfcXGAjLPcf0\nLHXgW1ka1JZpMVZPO/oThVVT83LKh6LFb86CZ6Z7Zho1js+G14wYO+kuTGrqVSI0\ndceBYveghxLx8rzfYOTejcWNjYvypRtSMPMeo304uCuNjNhyLdYmj++GqPhLs6KP\nPD/FSt+ngOdav+vu8NUZwHr2fb+Zma4SBzX9G/5Vn+PzKVi4j3Fy/isJszb0auOc\nYkA20g28ai7eVKSFCVY/wIMMOiCIhuIkZoaGtvYpSLjbk2x1K3xDkWfxOzH7Yk/n\nLI6qiX7O5ml2iNK3G3B9+mS5EMa7VU5Y2Zxy+6VxOqS1KN2vV+mHQl4NBgAEU2iS\n+adGPVI3C372yrFL93p=\n',
      ],
    },
  },
  {
    id: 'encrypted-private-key',
    title: 'Encrypted PKCS#8 private key',
    severity: 'high',
    description:
      'A passphrase-encrypted PKCS#8 private key (-----BEGIN ENCRYPTED PRIVATE KEY-----). It is only protected by the passphrase, which can be brute-forced offline or is often stored nearby.',
    remediation:
      'Revoke or rotate the credential immediately (treat the key pair as compromised: remove the public key from every authorized_keys file, certificate, deploy key or service that trusts it, revoke any certificate issued for it, and generate a new key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep private keys in a secret manager, HSM or SSH agent - never in the repository.',
    references: [
      'https://www.rfc-editor.org/rfc/rfc7468',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
    ],
    keywords: ['begin encrypted private key'],
    pattern:
      /-----BEGIN ENCRYPTED PRIVATE KEY-----(?:\\r)?(?:\\n|\r?\n)(?=[\s\S]{0,300}?[A-Za-z0-9+/]{40})[A-Za-z0-9+/=\s\\"',:;_-]{40,16000}?-----END ENCRYPTED PRIVATE KEY-----/,
    multiline: true,
    tags: ['private-key'],
    samples: {
      positive: [
        '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIMOIfI8CaHnFVhs9F\nAODdFYAV/LGuLigfgdD2wZt/f25/c9zd8uDhUNgYBiXx4rYSTjX67qV+75LtC4rP\nPs0iciYuom2Rz/PrTV0tgIG4EKZ8i5aUsK3LHOIkZgFQ7R2H8e1duex9tQbB1c5M\nj2fYxyHlAqXGcfZmDJNTxqKVd4ta++F1lztMc+Q05Ka5svp8ClWx6sgby1OLKF9c\nSRIdOol5w8YBo9zB2Yuq0vDitw7ttgE/yfRnpwEKpi1jKd/ktp8UbppcrDqWcNjU\ndTsDl0udZI40qUVeIpWqo+FfQOr/Fekchx4rIGKIShFAJV2nbc2S6hNsWGxBu9uM\nPZ1Qdz79f/rmusHJYq60YpLvVKvpS3vCExyuuSAirHrRW/ajgjf17AEsS1HStkaq\ncB0B4eIE4sbhhmRYjcJH6KrlC/1Gi4SEB4G4l/54A9NXQW4TSe3Z8zreOWPBT6KT\nsg9yFYN1nUJmoF0ljIdN9xvW2RXZxqzgyvuiQnppuy6Up5SZzI4E+hzL4oDJ2vHH\np9BwPgPi9r1HxadkfKYdfdzrbVXOHw+AaZ1TTVM1fdXmwFGK/7e3WjevwQJBVlbt\nnQPbRXu/piRIKRmlaKvIgn5LFXNb0KblCTTLLX+6RPDZX3TyoyaOmdXP+BWVzNP1\nMZz9ttKfCgGIKBcb1BpdVbWeLUm8qs89cwRDWBvN6m6pVzkxvDqL0i4qR/yjHUcx\nfKQNJ9tkYLlXUM9afNnqGLVE2Gl2xbDepd/URZDIB1mAhn2zYNYUzscsDzkT0Dl8\ne6M7wzrCndukI9BeTFcKE0uJpKAjkMCehnXqYZmfcMRoYaFQqg0hBkN9U9TbHK1m\nyH55bPqdPVs95sABR9ecAw1EGFik3RImmYwksV7SeIN31B2p675RsuWp0IwRaU9o\nDQQeN2jyYs2oKw+ldYcd3F7qo03/xSygeHfI/042CwtqWcnqZ348E6g97UyalTbd\new7EI54s66oQEr83LTBd6UaPEVnupoz1V14kZzujvwVbDze4AxV0w2lXLl5Uenkb\n95TnpO7SO/JQcF2xM6+4x5h9qH/i0S3tpy/v+rWccUBYBoL7XPIY+YPKv3Turo+K\nIpHaqU/qeAsqYe5P0qTh2Lz/36U9Ym5OZ1+y4XS2KmCDutXRkupemfC7dT5dfQlQ\nqQcMUyNUbqfEgukrgz6EtYa6RmDJ+121to2OfqfRT/O8mwt37M8P+NSaVdve82i7\n/p9F73I1CnmUiDB6AmZb70v1WZPEQNF0yMaeu7rxGYV7SE2b+tlqw5gh7OklrL4t\nlZlBykGkelw1QBIVqLiX2PZIS7dsBhHUGfTpERswJopfj7CcYHqGM/ey5NaYT9ry\n9EJANN8C6y4E2eJeNOGIJkX/zchs9lIjTyLaLaeFvNoGph8kZzp1oVA/hKpg/Jf5\nT2Fl3yH+W/4fawGmVdai8/a8E50Bo/QhUbJ74HfVQwEHyHoITkwbaD8ijuwh4dBN\nVoVjWrpsVPcMBmvNQtde+j8oKoEpvuu5BFnjsTUO3a5CNy6/tXnceKzDe/yN2fjY\nJMwjD1x9trbK/hXzFEIGdZZ97l0nDfYvjrOjKlHfjkA21FE1g+W1ZCWx6GJ8GlWY\nwXwX4t7MaDKleuvgR0RL/VG+ypB+EahRczHeCmebWgwMYMYRIT8CJ2tJzr5UyouB\nxF5mhzzEM4Ef+ugzWssWv7C6LMJTypjujV0TG3dp\n-----END ENCRYPTED PRIVATE KEY-----',
        'PRIVATE_KEY="-----BEGIN ENCRYPTED PRIVATE KEY-----\\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIFEKR6lRC+9aZY1CA\\nB9o3XA69P+7uGcSHs5CaY4h6xT2Qwq/9blUaXAmki7EP/SesaLHKmfKD4Fwq2cFV\\nziVL06108TB1UKvvUQlSDZRu28CISb2KylOo1NKv7QXraW/eBBF3dT9uiB6pUl4+\\nY3By3F+pZuBsx5E8WKFFynwtZsHoHrQRR1hYDdUvPzWj4VYDPYNQ7YvFCh7LZsSi\\n50s22shd0i5foMFtBCPYhgFeP8bJh8Ol8TLyve45WTsTFx1I3uBqNGjBsuXm+UMF\\n7r3oQbqOzwQFIonSrm3DLIefQwdwtLN0jS0Ecx+3Z4Vyi/vJt4RXUgIYXrYexkeV\\n3FVzV3WGv2A6HtuA7WBMf2R/vEjSHNqK76s9wJuJYhzJ0s8WDYI03P39onqZYpjm\\nL/1rh+/sqP2QuYBiMV5KtKzm3GYOI6F1c8rHK1hF2O4PokGR3sQ0pDufczqGIoGQ\\noYkw0C5v4AlCre5o+DltnGvo3IlkKlU4n47E4u9MMTU+xMPGNth1Ftn2WXw1m1lY\\nXyhk+gDbanEVhrxJamxp8an+CXs3nTOYWsyBKi/qpTwY08mL/szdtd3rXhFRFmU0\\nBRZlfHDFkGHvUbX8rH+q7oOYJkB2Oymqz1FBMRJ3KfoDg/9BZnO5jNCPHJ6l/z/S\\nNnLZYKBGSDh9wXYydy1dkkacgFNfDV1gmCpxxqZ7tpcgvYk7FbLyxSII8azCWZPV\\n2YgTHIueaIYfnUPVQ8LT5Efmm7LV2KEQotczAKnmk5FZaXKiC6M/FLtOTrduKDhv\\nQamszSe3IlgcWEvGhO98hOY+oqA/dYRdBf/d8lz0O4ClgoSThnMPU7+ZCD40o4QQ\\nAnYYmav/zF4t9fynF0it3QkQI+pYijBG+imTlMn8UVGmtDDBnGAiyTQbZrjh5TDp\\nqcOxD6CxO1u6CKWxxtvP4blPOL9io9OtcvzddXFQg/m8vaYoIIvq9UP7BkAZlLoY\\nK6Kq1DNjqKcCtghZBWpb+WAxSMW1uo78GHQ0xao18uXfnlU+kSoY+Jr+RZf1Rint\\n7FCYwcmFj8wCuTU5s1ojgtOQu8KftNnMsRtL1gVE/NkO7PDUU3zQUdDvJBa2BSuZ\\nvjUF8xPkgceS4YfTwmAlo5G70d/ycT2OpcitcHBqTcXCKBwKJap7QUq509NkLE7L\\ngDqFQs0qyRNeWq5DhsmXBXqD1J6HDoK45ReExlbFYddrMfI85WdUJCrzmctHtur0\\nB39q6EVCS4A9mzcbXcqUMYC29APAh16cV5qO67+8U4tdq39tWdL/s73oMO133dpr\\neeo4Dtk180htC80LBxx7D7ZdKnQeFKdmT4tr2umNa8lo555FpTb3Pvjj5zEthiXN\\nPKTctBQX9N5zEkTlm3sWDsNUh93Vl7rXD0ZUQy1CPYs9zi6mI2+740DcQV62TPiE\\nedUAyTqgwH3+cuRGDKESx95e246oQqt7c8FJGnxDn72IdFsPIOaz6nf4v4AGDqIA\\ns+h71YIuMJ6UQaBsOfsm5lhL4ppeW9cY3QPknBrFmEXdUI8ZV4u90CjvSrmt31oe\\nRwII9B14N6olS/e5AvStsHbc/tymGSg2EdTalk2pujbhEvROlV4DDRB6OznWe2HQ\\nXdojhTBR9juRsl6VgkFPDYgvB5Nhc2ZmxMtu8FGE4eA1a8XUbhCao3D1w14fdpUT\\nhNKAA3+9doKCvw3jZDaiz6qNQULD6mv4LOzkQY1y\\n-----END ENCRYPTED PRIVATE KEY-----\\n"',
        '  tls.key: |\n    -----BEGIN ENCRYPTED PRIVATE KEY-----\n    MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIJeXSPSEMjHR/GNez\n    4IiVwbde3GsTfhloIexVNmnZT91VKAC7MK3pt+RBgQAWvzsTfKhN0QyzqBX7WnVx\n    i8Lm7Sw3Wa8c6W1XeteQAbfpl7hO6JYYW0HEGJLE3wi4BlDiIvjh5uNQjjXUXliM\n    LTA9ANSp93EIp/2NR4hapvZNz5VcDMp2X/2wpA9eIEmHs5oZ1+bwXhSl+UIgWZbX\n    hWyHlE88QjPE2TxkozfWQCteatxzRdQATIhv5xisXOR70LluwEJ9HfVD81p/h1gi\n    Wy5Cf1qCmmqhpIr8rTZHAIGFexSTf0bb/f9Sk0fIB6SKPrQsNfoeSCYp5s5H45hu\n    VOup+Cco6bMTyGTv2yso9T12dr75rCHK6eUbxvh4HffWIL3Vhprs6RZFRI3o1bZB\n    vkzjb8LbIxuhlMMkULWxde8PsuxiMkAm1q5zcATsvwPH37maElpLvptLdzg+NO85\n    Lf3Fwqh7wC8c6hJ2cENNj1C3xJlfgKcI2z2CCdIbwTK9MNY3cF49JpOElCU4qVwF\n    BWjNphCSwGKnTM2nQiIBjZhtOeEwMJcDuPPwmvedSI6L8JwY9ZhrMSvKaEBMMTNb\n    NmPYPjmnxFsV0GOmUJBEUsLlj7+7AxwwEgCky60ZWP3skBK89tTsYcNEPzJYzLLV\n    ykHJGIv82gt+8MKkzzbK023loDn5rcnIWeYgZsdaXaXi1wucVQkjlIXq25XKid4z\n    iVXBizEbC6JmQ1Z+mc5BRWvgP/TURTzx6xUJtpza5lLz26qxVp9qCxmEUAC2Dt9M\n    GNwTK8D2xf0BswWfXXAszNZwRmKsvP5auvvvLmB1yXzSQ11280Ab0nVWK9wMSquj\n    wNgy7I5Wmxr/y+uNbBZwkvz8EqjG9pnA//zqSbh21TXs9Iu4/VWo5oichK9sWzYL\n    twUDOKEN/5byF2cpyCvb1El3kDPgkn+TcBNkbsumqvK7bDwq485eTrqI2S6FN4yC\n    qgsuk3GiKEVlBRHzFFipD7YUkikKdIpdpPrPCtRJPvquVN6Viu+W3q6S6PSjC2l+\n    1ZES/PmgK1S6UgzyMTrFnrALljVRL9XI4Yjlz2tsKsGxvQjcCQ95nE87sMasTq+C\n    Ho/ZFLFOkTHAYhyMieA9uqsbzqh8bdb2clJovKM1YLXNFiQOQZbHplrb3Z7DhP2s\n    ig0i1Sq+bQvw7OuFipu0k7B2e9IQg3sxKFcU5XEmE0p6hrkCvJnymjXCAJ/wfTI9\n    xLs8KBYlxRI5g1DNSd67FMVWgEEKaAMDrt52fkXx82sNUfjPmVVJRESwrc04vlIY\n    t2ZkbDXPS+BOXcXK39r+y03ZVKXLAN18xQ5901pDixQmyltRIA4Bf5X2r8Jp4d44\n    zp3PejK9pTQif4RWntTvbBN/ygPxFivmsNk1GBdt8ElU/bdp47yW5TfuB9nPCqJG\n    3fX4QZJ9TO1qCRmsCgTV+qtw/mLQVDRel+FaZxR6e8bQlo5U2SQF3SHPYfR07t6C\n    4zdcIftYw/R1T9IlN133sL8irXuUOXVLMlln5VCU6X5ORIhKlc2PV/u3gOE3i8xc\n    uHFSHQ4KRDcOWqLaRu7fQaFoYAGtw8b96TPvYqNVIP9DRcs5gltAU8WI+jLBwXwX\n    ojYfJ6k60beObKH71CJ1NgQq1Z9nUQ9EkwR/ng1hkWpbRM1MXqoo3CChr5Djl+Zi\n    BY+u5DuTRWvUaSXs6d8bHhdCFBqRVb5/QpPtR7Pq\n    -----END ENCRYPTED PRIVATE KEY-----',
      ],
      negative: [
        'if (pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {',
        '-----BEGIN ENCRYPTED PRIVATE KEY-----\n<paste your key here>\n-----END ENCRYPTED PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEALnD3R/3M+uUtMPTMWhFQ\nwt7yM3ZVOOPr1NEog21OzLB4WKF6i72BW2J5vE97dWK1KViR8VQ0EXgOG0x7jrdt\nkLSRLtcXsNIXQcpSRXaAsglffKN97pBncCktXDOF3zsMhlWWPljeketo5r39JMOC\njONXBQaxtfreX7+Ah2LcLDsL/4Kfv2tBWSP5rhmxPQ1wllfKHLlzLMtPHHZnXKtY\ndGP8OJ6eUZC8ajxVjXbQI30bOQlkFMileFryHZbi2wGVMhZRiaf9XeFgSRcDX9kL\nltaKArGEuosXJCSsFqIEZYcdV4lZqlPB6fXg1FHnO4SD3bG4pklvQMlMRY5tmgPu\n3104i7h4EGNXj7DkASQEB5LPpsbYfiFhuwXq0YWNTYw8lqSHkDVB\n-----END PUBLIC KEY-----',
        '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIUtdG6b6RhZcT/W6l7P2tiwzAtW7OiFiWnug2SAzTt2cvgwKdPSYoFfmGUREdT\nsNvI0G0J+kZRlYz7K+f1l0uCyt5XUb56OooN8QMvkp/lwsA7EN3LyCO39NdOodS/\nE+stRoTYeYUFAovidFIUC3GICr9cud5pWDBKv8+nLLkY0h8uXUsEQaPVMjRqNWZ5\nXJ/QkM0MlmWgkLm5omocdqp+cU8AepnUvJy95SuL5iAWoL+oaYsfx2iEABxMYaTf\nANg01FYPlY/WmwzajcbcSicRPWXU4dzKeercW8VVO4lSkGUa7cWi/MuqsMLFJjKm\n8tkw4RKRXsQXNXRFUGzCMt66hd81PUIhXsEbJ9JUcfDyMgwqMf4RxJxzeXhhP+Y0\nnqf+eja3XnJOwJxFSdw=\n',
      ],
    },
  },
  {
    id: 'openssh-private-key',
    title: 'OpenSSH private key',
    severity: 'critical',
    description:
      'An OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----). It logs in to every host and Git service where the matching public key is authorized.',
    remediation:
      'Revoke or rotate the credential immediately (treat the key pair as compromised: remove the public key from every authorized_keys file, certificate, deploy key or service that trusts it, revoke any certificate issued for it, and generate a new key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep private keys in a secret manager, HSM or SSH agent - never in the repository.',
    references: [
      'https://www.rfc-editor.org/rfc/rfc7468',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
    ],
    keywords: ['begin openssh private key'],
    pattern:
      /-----BEGIN OPENSSH PRIVATE KEY-----(?:\\r)?(?:\\n|\r?\n)(?=[\s\S]{0,300}?[A-Za-z0-9+/]{40})[A-Za-z0-9+/=\s\\"',:;_-]{40,16000}?-----END OPENSSH PRIVATE KEY-----/,
    multiline: true,
    skipDecoyFilter: true,
    allowlists: [
      {
        description: 'masked, elided or documentation values',
        regexes: [/x{4,}|X{4,}|\*{3,}|\.{3}|…|EXAMPLE|<[a-z_ -]{3,}>/],
      },
    ],
    tags: ['private-key'],
    samples: {
      positive: [
        '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz\nc2gtZW6qycJw7WrTkVu+b4konU/Oe6T0n4leSTfEq5vmW//sMXHQsH8J4/mTAKg1\npgtF9WLvlDXUPjic4FmZc1T0oLMBgvS02fJjUnyetKz8lvD4R/goTsUWcxtp5MVD\nCggALtFobc7bD13yae00kiFVpjSfMUcx19k/RhW0yw+rS8jJHkbpOlJrgQq3CII7\njjUC3QCiJI/lssxivj4Bvkyqs3ngeU/u8V43lSXIvfdmgA7jl8WVZ1LEj+3EKWh0\n01C96Wy3trdol0auYBTxKhiab/YjNOOxnLRxM1MsLZUQZQwBGL7uWG+yZG70hNNK\ny1BWPo0bl4FWzEDCow+83D+zIiWC0jxcyO/1cJy7OPWFltZ8NdMR3rKfORn/cCKZ\n4hXRVs6u0ooUaSWaLTWYCO4bc37cGUlDoKVNb7w4ONXNUGIgVo8rcDAipGgtxJbj\nQh8U96B6qSKAPWnxE8EjDPNhWQO3sMCyYBRnTcyN2HVe1+gTCkkG/EVg3ibeQy8e\ns===\n-----END OPENSSH PRIVATE KEY-----',
        'PRIVATE_KEY="-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz\\nc2gtZWevLeazp01Ng/0upcwxIFrOXNgpo9ltLX60exd2hMhOiWfC7UJ5sEClb03Y\\n5dcqHu2g+U5EOJnRG3oymKIkq9n9KttSCJ8SNG0W2EIqBzawYSgnThiEoOaJYLeB\\n2Zw7+GWC+1Chr4HUQiIPgiPjT52VeHJf97NNYtnnGuebKzBuazL5zcOuwePQcufI\\n7JQsmUHNhvnaYArNpZ+fwP4LL+99V3kDZk9YPII5ECucMLWknFzuCLgQqOR5K4BB\\nVbX/ii+Bz0FejoMDHN8Aq0e5WzgVL2k/8d91JM40esA7sJkfrbVvlTIQkjlM0ufu\\nHzcmxZEbPjHytxlBASatoijiz5QTi0gdKJUxa6JSAGud7PmjoquH/hTmrR1Q7RVS\\nuQyL1jjOOjm6ZeP/aQD3fiKCgxIUCMCg7X/TLNlOg/qJaEWGl3hA3rf0STswawzG\\niq8xAq5EpUXZastcjw+Xj+YyEil4tep+7U6X7+0XcJ917OR4A2WapS/OHT+AEzIz\\nA===\\n-----END OPENSSH PRIVATE KEY-----\\n"',
        '  tls.key: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz\n    c2gtZWB5y0emDKPzv4++gYnuQtQqy6ljZxqUpaE30Fc3IcXNtYs76jihX5NVtnDQ\n    Lf3KAgjXFUtJWKDBucYjaa+q4It+FIDSqzyleUb3ge5NBqYTN2d1a+NP6ZB0GSaJ\n    r3mYpNRbRv0p/sytWpCoL60uk1/AYSxW+RBoqFpeirJpFvyX3r2DUMKo1DA02xEz\n    bTNWQYEubTWpXbTTqUb5tjX5mp13POOGLEe0iPSh0RJzNQomC/vCRlew6crHMxMD\n    LgmHrGSJy3xZoXPYT1hS+W3janQkYEUamCL+fZ/rrCxuV70fjQ9k0GfKIzg6wOGS\n    IT6J9uqfneYdwCNAvsz5jtPVJegoDVncv3SyI+kMAdQMi9QypyXHnlsaOqBONG+X\n    rceJkiC2EP3Bv6MJNLUvP4xwa24d2XcaIsaTQ/wVR1Pbl3oZWvlnB0o388llppyX\n    7fMkzguDboTCELz+lcO6gV62Etkvajpq3fB73NhmbJEEmVzI770z0EJ4S/inwrU4\n    s===\n    -----END OPENSSH PRIVATE KEY-----',
      ],
      negative: [
        'if (pem.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----")) {',
        '-----BEGIN OPENSSH PRIVATE KEY-----\n<paste your key here>\n-----END OPENSSH PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAXTt8axMorkYejYhdGxHf\nqUnSRzcB0dlXTT4JfqeNOHUEya7+094/pwRua6KE8EKj7IVIv9rxkrPSGjlG/673\nia0hTJTEBdQA3b/aCkj3sz8clOHYGX9wmDQ2LqduN3cg+8/0EeF6QCXTCGD5/UbG\nLmfkRHTXUMtYCyAONIN7mvi29LDo0zesNoSlV23THo3TyRq1vjxwGIknG+bFLwLo\nq0SvUGIe205ytKkkfUKPL2fJznFJOkAdC6wU3iFlG6ERRjsC9LuvL1P/4s0rhKlg\n23dC0olmiY9TTs0Hifz9E8pIDWLX7ASvxmEUO7yzjxyzGtGJqsCqpqFHKYgPJ39D\nNm24faLa8E2NvEyBTpnw3ky3iryyR0cfQhBNjg7+NydgTi+K0uB/\n-----END PUBLIC KEY-----',
        '-----BEGIN OPENSSH PRIVATE KEY-----\nMII3JiQla7GTnbSnyL8bhpt5zgXA5GZ4V7BdAqM+vW+89Arix8B4aSBXRsdiGx5Y\nnFBZ1Ymup1sU57jRhMECSLlFaIgrI84aPw3OOAAIYQ0NoXAVViaLpwKClIiScL2+\nMlWYAlyHBjoLFtx7208lGxJ1PymiGmlpcedKYer97PZtKoOHOgUL+r4mDVMQj+KC\nGkLlGjLzVazken8QL5wY05eKQ3xEuUkRDwCsoit5scMn3J6JnTHkccJsU5dlUlKt\ngUdU8Ehp27wo1GJOrcgDMnrrVJE7CjDodUYGuQ3REyql0blUcZwb8u8MeFmIIT7p\nyY9sVJvER24aVF/YK46znrLuqvUG5HdalGAZlihdPnctFalu+4UPWaLPiLOHCdNt\n/poKm/mh6V/FACpbZd/=\n',
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIpxtMXcHUxBmdJAzRQMg/NbzZOS5bQBv2oxAo3rp+QtS deploy@ci',
      ],
    },
  },
  {
    id: 'pgp-private-key-block',
    title: 'PGP private key block',
    severity: 'critical',
    description:
      'An ASCII-armored OpenPGP secret key (-----BEGIN PGP PRIVATE KEY BLOCK-----). It signs releases and commits and decrypts messages as the key owner, protected at most by its passphrase.',
    remediation:
      'Revoke or rotate the credential immediately (publish a revocation certificate for the key (gpg --gen-revoke), remove it from key servers and package-signing configuration, and generate a new key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep signing keys in a secret manager or hardware token.',
    references: ['https://www.rfc-editor.org/rfc/rfc4880#section-6.2', 'https://www.gnupg.org/gph/en/manual/c14.html'],
    keywords: ['begin pgp private key block'],
    pattern:
      /-----BEGIN PGP PRIVATE KEY BLOCK-----(?:\\r)?(?:\\n|\r?\n)(?=[\s\S]{0,300}?[A-Za-z0-9+/]{40})[A-Za-z0-9+/=\s\\"',:;_.()@<>!?-]{40,30000}?-----END PGP PRIVATE KEY BLOCK-----/,
    multiline: true,
    tags: ['private-key', 'pgp'],
    samples: {
      positive: [
        '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2.0.22 (GNU/Linux)\nComment: release signing key <release@acme.io>\n\nlQVYBF7IFy2Uq2ZsFKumjJ0p2Hr8S/N3gvtFDTJcAPLLynhE764XzXnr25YsQbyi\naPf/eyUh2xPmEgzWw5vN0B3oX7GNvsLtVEmabrcUx/t/gkyJjcnxaIUk0nBwneRn\nz6hSviyl+r21YFqBLYisRzqtr1yUUBTSAIIDy/+SLAf9786IgmO8t10k1FUbny87\n+ifUNXOCYBwb7RmH9VciEanCbYaivAYk5mWalcfVHqfEHfBUO94OT429nZ2kFkWw\nC7w4p5vcx/gAcxa3S+Bbuf44wO5e7xZ9twl2crWTwxVlNf00VEWGquoqpGrMVGHn\nfQ1NBS4kGna+ENsFBKRWnqleFQeCqzNgmO8mAXNf7fAOODSYkgOoNbJKDjaXPc9S\n1GRaX+83Nm51RmMAMmDsOlh8OiNDF079H9rA2v7aUkpAzlxQUkWNqvodpnFXVegz\nZI8lRBADpz6TGqLqBR3IBOhShKQwx6EZThBX4t+/Rc6rm85CqW9xaJRWFqg4Xd8o\nEf1MuPJzMZLzOCrF4AmPb+eJJGaX5L4PLhJF7xCIqm0cQNt7YTR6+hGRHsno0Qlo\nnXyVXgTKAK/mfDyLpMT3fuCXS27zXrCBIrNf85VPL4iQSq0hkV2ya+NLu93XGMBs\nSsFr+biDOSp3/crGorHO3qqBq315uSgiqG/lrVt94QCcRGXCUeI8c+rh92CWlQKC\ndmFezNf7NP2bOW9cTYN+0OSZUlCkBxAbbSLjt2175hNdACkJc4knxlVn5Y36I/zc\n16izcd0SLBPLK+PytwvaYbxrTB+w99UGrv50FjVdSfiGCnzCfx0r9N0wrRY/lKMm\nqjwRt0iQk8j+HprrdUTCkI/3ovN2Q2UGdxP/mnvx0I6LrUVL50pbxSZH5hbBGvDm\neX9ErZjkgT1m76HbH/jMYnU7AfiD83vRKsGY3tEW5ctiE0JdFtPQKFeU9eFw/txj\nYOktyznz30iuXZu0kYpQijrBXqIdrl8R4/ANF7fehS/n8iC+lMRau94R9/Ob8t1r\nzdOdORUcl34UGm2dYL/O7+CQo4tHNCH6ubhpzxg1dOxIjf/OgWK6Lk+NoAH8fH4R\nwp3aoyt/4P0AY5MOfE65NW1Dw4g2ioeHxvbxpe+UZFtCNvMnoNfB+I/foKQY8QnR\n6rtVewHiVlS4M+jqcFfCwl8B3qAi2ygQEamNxehYL21ZsPpPVcz7E5puD1q+hoj/\nipaXuQocbDTVj0etzMPhfJHKhp0lFhF+97UpCGX+rJ47l5k25Tzmm2yCzjBd+NQI\nPw1FKm+9EQdlcB3TB0FUPgNz0EGwc2hkqNBZkq54nVXxPuwET2vVztJ2Y6RIslPi\nCcAFy7vZS9lbJQJWEsSC21QhBHOkF9yMuTLcrwdUKQbugKUnVDN5pLH84XoG+Ful\nf3jqX1NMyZQTqdfDVmdW8yGTU5NBw7XRkW6QnZTYliyFjWiU6g3MeP4phmNMNK3f\nNxKgvV8taSK2uYRFZ6lvHAm/+yCvY0cerTOiBRRn7HNIPcJoKRsdvVsavSEqR+0V\nn8VfhVDOrgv32M4yME0iWHVIcbSFgFa2q7hb54i3EXxEeLBu7dNNJcx4tzAN28nP\n7nh9kHL8L0cuGsN4U+S3wVf4cyEzU6PL0Wn1kpaEMUNCZRcSor9nthjaW/StiB7s\nPNM7YEaw4MQD8A0k8ajtlcsycWNZoaxhT2y2wHvmjwab2HI+VsVkaz6iIHEdIBEr\nGF2ZXzM5YvVB8YlzBuA+xghSM0hLT8yxqyIPpeK05Ibf26TObAy3ZElF+bTRufQr\nLuYyqRCZDJArv4E7j2Ui0kzXaGuOpin6/S40i68bouzfVDjCjE539JOkZhTSnkiE\nKGtCaTx8lQCEbRsDzHrphP4rjiuK8sSL6040/NlhtzRJ+QmRarvXNiAPkfrvu3uq\n8tL80GmaWzcWdqsG7G1UcpG4yZpZxR2462Fd4B/ClSnbJTvY3cY9r9ewQ2MJi67l\naFW3pyisvrl7yts0uLpwN1tBzsHqe8qjaJ46fFb19xgvv/KJf8K41xGaMlrizRmv\nyVIQcY+hxKrk9iiwLbQWBj0BEyxLDfWnOp0PPhDvXiz5K+Y3y7trOyRF0on3pYZF\nAdkCes4H/ajPmoRMZ9haAiPg3PxooIb0kfgLzXye/jDu1EpnUf5+7nj14SKSJ0r5\nazN5VJYrZAT9Pfk587dq06ImaFm4JqqpzWwWeu/BRomxVJ3T3drFWucdypyHdQG4\no3zLBMXjxZK8ZI1c1CLrImi+osFheTAgiof0GvmxzP56rKJZoLuHuzL5MZXPIZ+M\n/gKkE0K5zhu/lZBAkuR43NwjyMFSZ8ZD+srXsvZ4tqYiilsDUrxzCMjHHIw0zQjw\npp9Xa5j58CBcGEmYYOAxvS8TzyPUKAC5dto2m+==\n=FMmo\n-----END PGP PRIVATE KEY BLOCK-----',
        'GPG_PRIVATE_KEY="-----BEGIN PGP PRIVATE KEY BLOCK-----\\n\\nlQOYBG/OnExBQfwNobYEViHdWfLjCdrBd34UqF6wC0sjswvnLi9gCEkfItFIPujX\\n9YvR48zz80vBhC68TDFeGSMXu4FkPYI/KQfIIBsd0BcvqN9ye0Wuq/SZRw8sxw1M\\nWd6942uEIh3qaHMM7mGAUI53L/pt1RIJUDNodgOEy63RlGLjZzZb5EmV+s6IGaVp\\njop2vn/4tj7QOoWLmFXiYo2tAuDMqb+IN/j1mnP60MvtUqPCJp93mccqEVBs7D7c\\n1+dFV198bRFBsdRxygRS4TTL1pawws9HDfEdDy0741M6zrMGzy2DNfy3F+ifvGV5\\n2Mr+aGcgEU42MugzMEwbuVF1GDmbxs6bGmuPUCj50mCJCxZYWrIWSXXelH/d/tdA\\nwvPpAR85CjFdFAFN6LqwnvcBR4aah5hqS2clIWlPq1tNmNidXtTpp9Ovgp/Ks3+S\\nxhelCYEdb94hzGnpE2whwLvsvyhzgACkkoMU/Gi2Gnq2LOApc4Qy1/FXoMQJY4+H\\nQhCamIaSVeR9rttyOk6GNbHbVa/KZCREmUMGrMrzutQX5c/duQoqGszuAYau4Rvd\\nbsTfHH5EnFWBle7BZtEpXooO4VLabwNJUyYQoW6iHYAYdlzmui9jiMyQPCkBSIR5\\nbWR41EDhQzC9BFBSeGXxWGvpsprdXrMOjLd240HxqFvLNZJTw6PHgf/awUUjgKoF\\nFmsYk3yGivjR1GoYn0ZPma/0AJJlEhkyeZEUqfWUktXXV2sHvSwdicy8x3HBmEmj\\nPsIHrMpwLK3PMfYjj1nC2JQnmXuwH7A5ScMHeRMfqk1trhPkTgcLVuMUXxakEvOk\\n0a/tdOpUqI0FkTOt9U5yKBwMnvxQJ+fsvA8gr9f3USzHtT3ePqX8Ltl9McFv9lTs\\nG1WN3eEg9t+wa3OgYIdnyLxu4UXT5J9cSvg+6t8oYLzlX/Ov8BsSkRD2mtUYm34s\\npth/2C+NNtia91Vg+OxViNnE6T2ZyM7lh27g8dF/OcGDP2vLVuRcMLtvtdMnbJ2F\\nBGBetWDNCTREXVSzXckkGpZkFBHjJhJ42pnu5ZgV0IdtpAzAUX1dulwGfAbwsXuM\\noG/bKbI4VD0F/ybOshh7YoE69VSEFNH6r8e31sv3TasHTy/Ld+gouBWDMWKiqSr4\\nLFZbssu4dhhNCrS35roVO41bgSfVo3dJNU1xczlA/9XUVk1w6q6S2k==\\n=GeaC\\n-----END PGP PRIVATE KEY BLOCK-----"',
      ],
      negative: [
        '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBFHK9otHsI00gQGpoEylDAlst4zxdYGyn+8i9Yv9YnTPvcwpGdJ43ZOGg7Ph\nCk75YB8OqyZznNdW12z3+jrM/pQh2VEvM4esbPJYzkkNakOP81Hhh0zz5wc9Tfsi\n7WDgK2MCvU1+9dvuLuUWEj8i48cxsIoerZEDIzKApdyPHvmnSwK+90geWvQ6qbN9\n7lH/KyXVEswqoNhCd2Zou7LLB2TFuls26Zj4qJY2JF6LzMBerTZEgGEmJcu6QiLL\nOgVNoZ3vR9YzLisaEKPRv9TO+bOg/U70WJzaBXLcOMAmTBXWuFqK8FJ7oeKAL3CE\nHOrh7JDmabfJb0N4n+8JmcB6EOKTTnIH+h6w0YF41V0n2nJcA3Tyd7BaOQu+rTX3\nr12h/YL/7k7z4emjxwIkygisE1H6hpALZfbeOWV9RobWL6aaR8ZPnGcqbkOWXznJ\n5hjJfDNVEt6HHNixrumj/pUcDTXoKOg0TWa3z9DIWSs11xKhTRczxbAq1j1EPXnJ\nZokyq9tQrO5raz0sUcKqkorKzVtyhppTbY3CxyrNfbtMNP7Om0MeXzxYjPYRIgrS\niN6VPPYcHhgXf8hzYgDfhmIymKZ85DFw34JU07Sk++qOxpxS7gqR1zvKyHRzCgaG\n88ZxisVEZFZ7U41pvIITfJRO8kPYLYr9+iEofldppGez3tBK8qImlxDxGl35KktM\n5Nm30vL7xMzesW5qIDVaB9gnx0m5Q08VHy6LEAsIcPgbpOknaMYYRV38tlCut5sH\nixDFoCIerOQgVm65VDPY2P6GJhE7avu2bEdQNNgm24ZjZNl8ow2eKxpMPInXm/Xw\niTbl6TCGBB3syih+uqT3lbkPzyzipyDEs+hYcFqjs+MCaGcGX7Zoyxv1ro5odZgR\nhch43OztYRH/cIgvZhva3vBCdc+ZRgs35w4hXpsvU0F8DZVUDkG74P+h7Zx+Tf9E\nEeZ33bhQ2qFaP8KLlf0w1LScJt0R4bP112CmHEilJHk6sRqS51yH2ya3zhoG9Ken\nd49Za5tIb5AUcsCRz24StJNejIVYRtwsYZbqbkmlJcnSwJUb0===\n=OAtB\n-----END PGP PUBLIC KEY BLOCK-----',
        'gpg --armor --export-secret-keys > key.asc  # produces -----BEGIN PGP PRIVATE KEY BLOCK-----',
      ],
    },
  },
  {
    id: 'putty-private-key',
    title: 'PuTTY private key (PPK)',
    severity: 'critical',
    description:
      'A PuTTY private key file (PuTTY-User-Key-File-2/3). It logs in to every host where the matching public key is authorized (encrypted PPKs are protected only by their passphrase).',
    remediation:
      'Revoke or rotate the credential immediately (treat the key pair as compromised: remove the public key from every authorized_keys file, certificate, deploy key or service that trusts it, revoke any certificate issued for it, and generate a new key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep private keys in a secret manager, HSM or SSH agent - never in the repository.',
    references: ['https://the.earth.li/~sgtatham/putty/0.81/htmldoc/AppendixC.html'],
    keywords: ['putty-user-key-file-'],
    pattern:
      /PuTTY-User-Key-File-[23]: [a-z0-9-]{3,40}\r?\n[\s\S]{0,3000}?Private-Lines: [0-9]{1,3}\r?\n[A-Za-z0-9+/=\r\n]{20,8000}?Private-(?:MAC|Hash): [a-f0-9]{40,64}/,
    multiline: true,
    skipDecoyFilter: true,
    allowlists: [
      {
        description: 'masked, elided or documentation values',
        regexes: [/x{4,}|X{4,}|\*{3,}|\.{3}|…|EXAMPLE|<[a-z_ -]{3,}>/],
      },
    ],
    tags: ['private-key', 'ssh'],
    samples: {
      positive: [
        'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240311\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIFa3nespuiQzxpMV8r9gDi2zN6R9rRbFh3X0B5U/\nPEp6\nPrivate-Lines: 1\nAAAAImo2Hdl02bSlsDvJDHuMnhqwuDQN51Iwufs4XNL2\nPrivate-MAC: 9dd5601a5f4783e4c32e04c69d184b0c3cf4aa08f86c41692620bc329bcd4dea',
        'PuTTY-User-Key-File-2: ssh-rsa\r\nEncryption: none\r\nComment: rsa-key-20190412\r\nPublic-Lines: 6\r\nAAAAB3NzaC1yc2EAAAABJQAAAQEAZIyfdsAwkNvF6O6LgJ5SH9lbPjmKYU8PTahv\r\nOPz+PQ1E8mW3uALb/AmmnK8ZXn7jE3U5peaRWj/AGRYaM69ISTeqHzCrHhndfWOU\r\naiHx6Z+i66fQlj7TI6IwpUQ4QmPDsepUaCQggtmlwC07Jcg1jbCyNmTAFx7Yp8UW\r\nKU/tHwr5Hn3ZazzmJe2Zv68JXh/6vGuX1Z6xQDAOAeQSoRunwjM6hHRLl+K5jN06\r\nObcWdIWXWIKTVE/m8DgQcNwsX1KVfvvlT2s9kwfnPYc9/hFyfmtYjlhcn2Hb602v\r\nvvLwwMqrOdw+IDMXD8Mp1G3lNsaLMLi5rvJmlBbEIMgRMTf2RWE2V2SIogNhTqUI\r\n3lwx\r\nPrivate-Lines: 14\r\nAAABAQNc3UlaMKwKPlwD1a+w4N32RIFhgCC1xATmJHy+QaRTdHqyBieFSvh/wRF3\r\n8N9g0IYxRvoFThkXe78UOVWTZ2JQ6VJb0KTRTTL4VUYPeZILVlvzHwK8mjz6zznH\r\nXYjzAhbCKocHiqZFcP/MX58Zbqc6wtKvThHwdOFqznJ22BbCQjSLAaJuuV0Y28FJ\r\ni8A50jyhagOgmBH1foe60WALfpgheOCQzVrThTFuWifYF5Z2882/6yhL+Jpa0VSv\r\nciyt3GpDGYqNN7FhruMgLNxhrZ4nQulZ8XD43Z7O487zzJWSTRZqb8caUDPrL+hA\r\n/G54v0W82QKceY/xFNr/fmoe01Ua9RrCFEK8rfeJBR+D4+/WYpVl+5kASYrcVHWK\r\nzjSJITlkD+fV1uflwyUtnebB06kOjLXi36Pv1R6JSKF6OBbLRVDIq90pqp4R7Ie1\r\nWOfoKy5sQhQdhAOF74WnDOw99Xfoo4E+yqWZWMJEia7DK7XxR4Wt2/vynd8bFnzN\r\nrTMduCcET7zzzvxHBCGtk8ydgdB2fzYXpNtQmGb8qAkpk1vfCkgnl9rjDAPUUGTm\r\nPKZlqEkBBfckRoOXP0d+j0emi1m+0+qpnpS+SbysEC0oyf9Htqsn8jk2t0U5/7eL\r\n9rXxo8pN2WXAyoVn8uZne8YpGgh1c8KPstMpFCZwNap3GXizLwBiooD8LdBXEzQ7\r\nLjELp+ZAk0KOMpWYAbG4ggvrguAP4VTFXjQLbXUdTrCsFSvjoYWfAVt6tLe4xB81\r\nuqCAy9HSKf7TnGNZZ63q96ZVF1XDcM3I8ND6G2yxeM6Or2FM6q9VT5rzRBBf4X2g\r\nGDKON6GY9AFa3ZXQSJ1IHZIpu+oC8qyyA8iQP6TtzUa7pGWaXCCJKbwcwYMlg+xx\r\ny76voJf6Zk2rSATttcAfUZrISWBmWZSFGmQPJENGp83wcUQ+64JYeUNEtK2poK4U\r\nwzFGEamvCgYEh3LQYjrFoYh0O2Z+1eEOAJdWuH4pQulNxIIqmdksyEWJAFgozTCk\r\nHDoi4g2VRuS30Qu1fl/CmZwTPDKpKZAPvG7kiJWtuBBdpZ4EqIIU7VJVoJ3zOdTO\r\nBKlYUhAKDnY7w1AE32nOEnX7ePZPuPubheWOd1BNAQSwwDFEuuvkTnJklyAD72ps\r\nwe5u8YYofFJsQpiJLWL+top247+g\r\nPrivate-MAC: c49f3cec6dfea05c1a975d01516b37a7c6bfa8d2',
      ],
      negative: [
        'PuTTY-User-Key-File-3: ssh-ed25519',
        '# convert with: puttygen key.ppk -O private-openssh  (PuTTY-User-Key-File-2 format)',
      ],
    },
  },
  {
    id: 'ssh2-encrypted-private-key',
    title: 'SSH2 (SECSH) encrypted private key',
    severity: 'high',
    description:
      'A commercial SSH2 / SECSH-format private key (---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----). It logs in where the matching public key is authorized, protected only by its passphrase.',
    remediation:
      'Revoke or rotate the credential immediately (treat the key pair as compromised: remove the public key from every authorized_keys file, certificate, deploy key or service that trusts it, revoke any certificate issued for it, and generate a new key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep private keys in a secret manager, HSM or SSH agent - never in the repository.',
    references: ['https://www.rfc-editor.org/rfc/rfc4716'],
    keywords: ['begin ssh2 encrypted private key'],
    pattern:
      /---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----(?:\\r)?(?:\\n|\r?\n)(?=[\s\S]{0,300}?[A-Za-z0-9+/]{40})[A-Za-z0-9+/=\s\\"',:;_.@-]{40,16000}?---- END SSH2 ENCRYPTED PRIVATE KEY ----/,
    multiline: true,
    tags: ['private-key', 'ssh'],
    samples: {
      positive: [
        '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "2048-bit rsa, ops@bastion, Thu Mar 07 2024"\nP2/56wAAAnImvmg0JWo5ie0ZO8Mgesw3jspYmq21yign7A+Qi+bMDGDgxWFL85D6\nju+mTjjF1bLF/pIuFmp2Nd17JXbsOJJAMd9FV/81UCWzA7ERQ49TYYtnCVwecru3\nFce1O4fSzhUPyqZ9PslMaZrKMF8HhbDrqwwxFtpabrBd6FXSDkcLi6HZnjHhoaLm\ngXa9ILpqOzMhvxckV+YaGUVjP4CWlFq3TM1tst2EZUY6i+Tyusj0lT7yrIbGptdf\nrgsf2ZLlY8CmMT2wacb9H7TnN3QClAgb8kBG+0DxzWs8KbiwIJnEUwsiMiUWa4Td\nDsOlzvruVrXho4zwiDwZRnD9ewgv/G7a5oo9wBj4+OtP3y3EkVFABlCo9VSYcBqR\n5e85nu3BKUlrB0tU4BoK9O95wj0F3Ds085yxDQLBMgCbjpk3MUhmapPA7m+LztB1\nUq/icZPU4wyfnF+k78dB2/WIkshJ12gTVpu63GfYuArJxkc3+3O+zEGfAhJXPBUa\nPibsFKoo14u6zmSEII4KmdziPToDYnubwc78qGgch2gqNlG/GzgLYEbLgcsZrYqF\nsYixTVgRESrllM0+lR0+fDs8C/lXL0VRBV6CoYVK7eK9cb71Wh8bClkhO9BmTS/B\nG7vrrORYBzBQjoexJ38K6CGzgMQyCUQW/5X6sbdqaIJ2EDDHAr3sF3jKCIp+R4qY\nYF5WJvY6Sy+Uqx7bdQP3IljZzFja7Bp3vbV4VNz2CwPI0tPI0VI7yL8bgXzS3dTa\n15MRvsZoe1ga8Zdu9L841+AHloGv7rxpi9glw0paGJhrz73WMaYmSqlW5w9j7O2x\nmtp2zzYCV6c9kufTYyYp+qUSoppXIuJI0/w9ak0Itlq1jlr0vBfTKvqTatBYoikp\nekVuygnSYRiQSUDwWN8g6u060JhDNitqcyPHBjkaOqtS+gl+uP6KacqPMxNt1uyU\nI+7lTrNm+TgCgnynuWth2ZLU06I/NzdLfx32AJ/dJ+hSfnZXsQYuYca6Nx1GRgUh\nlt7q+OmSJKi3kjPzqsqBFEcawC4jxnTjbYNwi7eY4900nKaqQE/1hbXFmPCRIs4c\n9tT/OMFxMkgGStQ75hpIi7znzjVNHc75nLNWavnOXHBf9ndsjsbrEmVC8DaQ4VKP\nNq6F2GuTV2EloPYOHuyX23f2KWZa6ymLyGygJQ/Nubh/+pqezYvo+UIH08ItxwJN\n9prF0fAjj5AT3Oh9GrkMDvA3qq/ZzFb72t3ITEeeydkuMetiAAHtSEgcEPEi/GRW\n0XolFCQFuJaFmxRkJ7IG/tZf5/Cji4WhmKi2fZeWWtecf9s1ha87Bv/FTAgKPb7u\nbmY04EDML5Z+eEdLBJXz4fjPkXKOZxUrmPwvHFOCI3FDGm/wAz8jSIjTMhK5j0fg\nm8bU0s6sYiRPXnuV1fuvG4hAooBP6Dfa4yV82Lgs1Ku3snklwfXui8O7eUR+EzIV\nO0pnt/be0PNS/U/G5rM4HPp35Ow9BYMTr1bABb/dkK/zmqaJgwAw3pB4WH38egfD\noxizgF4kHFkKZpcwQZ/bssVoG9eESPKgZAPTKdNI21t4IloQN6PwQUAPSebSvHWA\nfZ0ojtoy1===\n---- END SSH2 ENCRYPTED PRIVATE KEY ----',
        '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nP2/56wAAAiVQxDyyglULrcxqaFO6frEjk/YcQDZ5RKfR91FhvWjgHz2mLrLBIO4oecszds\nIeDtO/auz/1hdH2pcOf0JbVSQvZrAtOS7ZXS8PlPu00iYR6ZXeBB0l9F7eRl63sy4SSs7d\n3z4lHBmUPqUwFB03R4mbSYsOxkR19MQ4jss+CrX1jXsAcS/swlVsRT3NkvCZwA+ttw66Cf\n7wUuHdvZwnl+G3lcCRQs9bTjIftC8xHNnlQvMoctwnJ+2RmDR2B/lZ+aaVtmTkdujpj834\na6wDYkQkZ7nmMRa/JcQEDPZu4SgP7uOX29LqpTk8jtN6103k51M86a41xtxixC6tyP1CpM\nOJDq3DnxpLZgqID90qGn8SSsvRyZX/Wzgf3bnA7Yy2skLOwu97IZ8wtfqptJLwxgmUmlMK\nOxrH5pZItBENFwjnXl0zw7qgfPizAcNka4bKRQNYcm3x/5l8QbCeoZfp7HVxHx/bhCfLyE\nDomUVjoxSOGYNk6VOOUusDyZNYyonaRtCg3exTAHaURZUXHhwdduW33e37+DyJiGzdpx0q\nnzMuL4D0siMuGr3dngfn47XFTXwl5pO7iEfO+TOZD8N0qsO2kYvqRIueoHuRpK6iFT2t8D\nQaDoYuGAu7RmfD65GHbKda1EmZ8XSE31rUBMCHUHblOlqz4eA4ji2t9X8TJqaAF0+w4uuC\nROq8O9XsFTAggd/uHvWTItw0AIk65Owb7WdLdLEIVMIEYLkeVLxyaAmLPCsHB2B76jJ4vj\nx5lPOHFZzMvlItJYBU/QV85ZFr6a3qbDAib9YUSKhLRx42fAj7kLEcvG3diTMXq2YeJGBZ\nMJucX/1s7f9Ef+42kbc2Qj61fta/PoOWsCut7srnfXFn3ImBAVv4V5eiMT1U9Lro2YaJsK\nr6Ts96Fz+1LcEMy9agGdn5dxKHgye5Ru4MmOMIaskOz1gvbcUtiI9JpWsbvHcwmsljyl46\nGBx3aGZ+Qy9F/JGlGM3LUtkOqhZDTYzIXY743yvP1VQ+4AcgmrbJXqtG7dMaZ+fs/HrEOw\nlVb9KN5uZDoXX7jzYLNYPAity/AELYnB+U6Nmz2DbD2GNbFOrW1K8e5UbszztGIMkPPmuF\nEzNKxhuCXdeZi1jouxthNGwjKMBmBM/KrYaJiX392iraHiNPBAitEO/LG8d94mnx/7Rw7x\nZCtvg9UADqg9HmYLK+q===\n---- END SSH2 ENCRYPTED PRIVATE KEY ----',
      ],
      negative: [
        '---- BEGIN SSH2 PUBLIC KEY ----\nComment: "ops@bastion"\nAAAAB3NzaC1yc2EpyUS8VCgzR64KR7CGBYpP83b/rPEF0SH3mrxVgMMdMLuriR5x\n1kiHginIZKEZccuvnQQ2s8t53/Nu/VVbZGVPHLfTpq0MOUIvShzuLGCy7HZAKvyr\nIzJ/0UqJeVSPeEZG+csnzb2ur3+zoL2vHJhiyQoZol7f17y19gJcpHXmQAPjtalS\nWlKVN1tyq5n3ailaolfbveupQts3LCggu3sNIVL7dgunRWtDodqhiU+wU4AXPOU9\nmVzHYKLknMxi5LrMMMwxJp3YLwgWHMc9EJzBLKkroBQ/2gS767gnYrHLC/S2gV2n\nJhsnpRhanHYGJXrn5r/sXiXD0FUvcY2iqi9idQqPdDHVciYM+x9c+5v=\n---- END SSH2 PUBLIC KEY ----',
        '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----',
      ],
    },
  },
  {
    id: 'base64-private-key',
    title: 'Base64-encoded private key',
    severity: 'critical',
    description:
      'A PEM private key encoded as base64, as Kubernetes Secret data, Helm values and CI variables carry them (tls.key, SSH_PRIVATE_KEY). Decoded, it is a usable private key.',
    remediation:
      'Treat the key as compromised: revoke the certificate or remove the public key wherever it is trusted, issue a new key pair, and keep the new key in a secret manager (or a sealed/external secret for Kubernetes). Remove the value from the repository and its history.',
    references: ['https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets'],
    // `LS0tLS1CRUdJTiB` is base64 for `-----BEGIN `; the header starts the encoded text, so the key type that
    // follows has a fixed encoding too (certificates and public keys start the same way and are not matched).
    keywords: ['ls0tls1crudjtib'],
    pattern:
      /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTiB(?:SU0EgUFJJVkFURSBLRVk|QUklWQVRFIEtFWS|FQyBQUklWQVRFIEtFWS|EU0EgUFJJVkFURSBLRVk|PUEVOU1NIIFBSSVZBVEUgS0VZ|FTkNSWVBURUQgUFJJVkFURSBLRVk|QR1AgUFJJVkFURSBLRVkgQkxPQ0s)[A-Za-z0-9+/]{100,20000}={0,2}(?![A-Za-z0-9+/=])/,
    skipDecoyFilter: true,
    tags: ['private-key', 'kubernetes'],
    samples: {
      positive: [
        '  tls.key: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpGWVdJQ0tVU1dmYnlha05PckdzNXBua3I5MGtJYnhtRlBlWkJSdk16bDhNOHcyVzEvaXdJbEJIUmNqZmVOem5jClUzN3hXamNqRmVjNlFoR29rWFpSUnZNemw4TTh3aURlMHpHdTZrZHdlQnRKNTMwN05FMEVZcXJtY25iZlg5Q3gKTHFpYTJ3NWNhTkpKWG05WVZuR2IzOFNUK21pUjdzbmVVd3hGVVVXWFFGWVdialp1dFhHT1dDTWxZbTl2dWR2awp5TlNITGI2M2FuSVdBUmREYjVYZU0vWEgwRCtleGtxREdTNjZDWlIraExvaGlCZDdxZ1orN21lODFMNVB0ekIzCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==',
        'SSH_PRIVATE_KEY_B64="LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0KSjlzTUNpdzg5UHg0SnJKaCs4R2FEZFRqWU93ODlpL0lmUjZXUVo4NnRwVlZqd0hwd3dRSXB3aTVGbFdNYVpTeQp1aUY0QVowSm9NWXg4RC8rdC8wQ2RpcThpS0JabVdSTmI0ZE90SGxiYkNvMGxwb3NkWG5oMmxCaFIvdWxnOXZ1CmpmRTZibXVLR1FyZWxlODNNajRldnFpdWFVZkM1aXdiTVVWM1VyUFhQbGM3K0Q5M0RvZ0JGQ3kvSWZSbjF0c0sKdVh6cXljNW5tL1hOa2pHckZNcHQ2NEJVRW9NeDBsOCtxbXErcFhVYnRrVWs0S0xHOEg3LzNkaVJyS0M2V3hubAotLS0tLUVORCBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0K"',
        '  "privateKey": "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCkxOeFFneURNbFdHL3B2UFVhTW81YjVSdXMyS3pnV3FUdGp6OC9qNStyRXJ0VHg1STJxalBXdThqVnM4c2dTek8Ka1BqSGZsS1pUU3FDK1lpU0xId1hzVWxaR21QN0FZWlF0eTBmelh2MXU4L21Jb2k4TlhROTdRRTRhdDQzSWV4cQphakFsb0ljd3lsUURCNTJVK0djWTV0YzhlL1l0ZytRK2ZNeGtFV3BVK3k3MUw3UW1vVTFuVlI5QVJEd1hMaitMClZrK3FSWkdtUE9UdjQvMDh0Qk9PcjJmTFFvcE5xTjFTbFhta0VRNVNvOFdDbTVjVWRGMTFKOVM1K0RYTEhXVTAKLS0tLS1FTkQgUFJJVkFURSBLRVktLS0tLQo="',
      ],
      negative: [
        '  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCkFwZk41WExGYkxnSmFIeW95a3d6WmdTYUhaUjRkSTltY2hvK1c2Yk11WmcrUXErOGxwNElLTkgwOU85cFhxOUkKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=',
        '  ca.pub: LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KSFl1VU5CK3Nsb0ljd3k1akdyRk05QUQzTlVDVHdGOForNGxWWVo5NzR0d2dDbC9NMW0xQlB1VTlTUzdscUpvSAotLS0tLUVORCBQVUJMSUMgS0VZLS0tLS0K',
        '  tls.key: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0t...',
      ],
    },
  },
];
