def test_lead_sees_own_office_page(world, login):
    client = login(world.users["lead"])
    response = client.get("/netwerk/kantoren/kantoor-utrecht/")
    assert response.status_code == 200
    assert "Yoga Marieke" in response.content.decode()
